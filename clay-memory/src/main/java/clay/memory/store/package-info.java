/**
 * The memory database: one SQLite file per user under {@code clay/context}, owner-only, with secure deletion, and
 * the one place SQL errors are turned into Clay errors.
 */
package clay.memory.store;
