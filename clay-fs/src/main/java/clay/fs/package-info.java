/**
 * ClayFS: the AI-aware file store. {@link clay.fs.ClayFs} is the one entry point;
 * the other packages are its parts (store, versions, extraction, index, tagging, find, relations, watcher, ephemeral space).
 */
package clay.fs;
