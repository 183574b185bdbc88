/**
 * The sandbox in the runtime: programs, approvals and audit over the API ({@code /api/programs},
 * {@code /api/audit}, approvals on the runtime's desk at {@code /api/approvals}) and the generate_program and run_code skills.
 * The canvas answers the sandbox's approval requests there.
 */
package clay.runtime.sandbox;
