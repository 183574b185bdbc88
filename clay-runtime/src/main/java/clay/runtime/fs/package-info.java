/**
 * The runtime side of ClayFS: opens the store at boot, runs the watcher, expiry cleanup and retention, and serves
 * the /api/fs/... endpoints the CLI and canvas use.
 */
package clay.runtime.fs;
