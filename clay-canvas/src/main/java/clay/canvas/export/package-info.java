/**
 * Export of a document comparison with its notes as Markdown, self-contained HTML and (with Chromium) PDF.
 * Everything exported is escaped text; nothing from a spec is emitted as raw markup.
 */
package clay.canvas.export;
