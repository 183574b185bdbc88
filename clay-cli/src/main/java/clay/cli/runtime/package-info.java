/** {@code clay runtime start|stop|status|run}: the daemon's lifecycle. */
package clay.cli.runtime;
