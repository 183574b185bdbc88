/**
 * The cloud proxy: the one door through which any request to a cloud model leaves the machine. It redacts personal
 * data into stable placeholders, asks the user where policy says so, caches answers, writes an audit log and restores
 * the real values in the answer. {@link clay.intelligence.proxy.CloudProxy} is the entry point.
 */
package clay.intelligence.proxy;
