/** The sandbox's small SQLite files (approvals, audit): opened one way, in WAL mode. */
package clay.sandbox.store;
