/**
 * Memory in the runtime: records every answered interaction, offers the greeting suggestion, handles the remember,
 * recall and forget intents, and serves {@code /api/memory/...}.
 */
package clay.runtime.memory;
