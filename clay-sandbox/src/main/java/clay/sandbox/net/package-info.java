/**
 * The egress proxy: the only way out of a sandbox, allowing only granted hosts and auditing the rest.
 * Reached from inside through a unix socket bridged to a loopback port.
 */
package clay.sandbox.net;
