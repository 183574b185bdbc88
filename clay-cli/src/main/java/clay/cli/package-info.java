/** The {@code clay} command: picocli subcommands, the REPL, and the client of the runtime's loopback API. */
package clay.cli;
