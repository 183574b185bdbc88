/**
 * {@code clay fs ...}: the ClayFS commands, thin clients of the runtime's /api/fs endpoints.
 * Paths may be local paths inside ClayFS or ClayFS paths such as persistent/notes/a.md.
 */
package clay.cli.fs;
