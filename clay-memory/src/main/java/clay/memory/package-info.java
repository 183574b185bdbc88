/**
 * Memory and learning: {@link clay.memory.Memory} opens a user's encrypted memory (episodes, facts, recall, usage
 * patterns) and is where retention, forgetting and export live.
 */
package clay.memory;
