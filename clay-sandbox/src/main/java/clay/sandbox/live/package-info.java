/**
 * Long-running programs that restart when their source changes, keeping their output surface.
 * One file watcher per program.
 */
package clay.sandbox.live;
