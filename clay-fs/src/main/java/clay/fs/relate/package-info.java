/**
 * Relations between files: references, shared identifiers, semantic neighbours, provenance, co-activity;
 * and the graph export as JSON and DOT.
 */
package clay.fs.relate;
