/**
 * The audit log of every run, grant and denied attempt.
 * Append-only rows in the sandbox's SQLite database.
 */
package clay.sandbox.audit;
