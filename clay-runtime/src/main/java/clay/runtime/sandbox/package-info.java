/**
 * The sandbox in the runtime: programs, approvals and audit over the API ({@code /api/programs},
 * {@code /api/approvals/programs}, {@code /api/audit/sandbox}) and the generate_program and run_code skills.
 * The canvas answers the sandbox's approval requests there.
 */
package clay.runtime.sandbox;
