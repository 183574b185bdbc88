/**
 * Sandbox commands: {@code clay run}, {@code clay generate}, {@code clay programs}, {@code clay audit}.
 * Run, programs and audit work in-process on the Clay home (the approval prompt needs this terminal); generate uses the daemon.
 */
package clay.cli.sandbox;
