/** {@code clay models list|add|pull|test|remove}: the models Clay can think with, managed from the command line. */
package clay.cli.models;
