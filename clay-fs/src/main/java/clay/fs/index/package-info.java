/**
 * The Lucene index (BM25 text + HNSW vectors per chunk), the embedder seam and the background indexer.
 * Lucene commits make the index crash-safe; the catalogue says which content each file was indexed at.
 */
package clay.fs.index;
