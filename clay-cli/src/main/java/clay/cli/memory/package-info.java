/** {@code clay memory}: show, search, remember, forget, export and set retention of what Clay remembers. */
package clay.cli.memory;
