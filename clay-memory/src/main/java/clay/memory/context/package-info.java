/**
 * The context manager: session, user, system and world context, persisted sessions (SQLite, WAL), and the
 * token-budgeted assembly of the context for one model call.
 */
package clay.memory.context;
