/**
 * The cloud proxy in the runtime: every cloud model the runtime loads passes through it, and {@code /api/proxy/...}
 * and {@code /api/proxy/approvals} let the canvas and the CLI inspect, approve, set policy and read the audit log.
 */
package clay.runtime.proxy;
