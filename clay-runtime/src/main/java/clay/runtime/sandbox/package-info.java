/**
 * The sandbox in the runtime: programs, approvals and audit over the API ({@code /api/programs}, {@code /api/approvals}).
 * The canvas answers approval requests here.
 */
package clay.runtime.sandbox;
