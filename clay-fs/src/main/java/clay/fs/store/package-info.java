/**
 * SQLite catalogue (files, versions, tags, activity, relations) and the content-addressed blob store.
 * Everything here is crash-safe: WAL transactions and atomic renames.
 */
package clay.fs.store;
