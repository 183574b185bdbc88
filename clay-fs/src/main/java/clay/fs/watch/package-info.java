/**
 * The recursive watcher on persistent/ and the startup rescan that catches what happened while Clay was down.
 * Both feed ordinary ingest, so identical content never becomes a version.
 */
package clay.fs.watch;
