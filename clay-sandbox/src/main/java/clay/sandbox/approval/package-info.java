/**
 * Asking the user: approval requests, the once/always/never decisions, and where they are kept.
 * Approvers are the CLI prompt and the canvas API's pending queue.
 */
package clay.sandbox.approval;
