/**
 * Retrieval benchmark in BEIR format (nDCG@10, Recall@100, latency, indexing throughput) for BM25, vectors and hybrid.
 * Run by clay bench fs; returns a result record that renders as JSON.
 */
package clay.fs.bench;
