/**
 * Intent-based retrieval: reading a query into text/type/time/activity constraints, then hybrid ranking
 * (BM25 + vector kNN, fused) under those filters, with an explanation.
 */
package clay.fs.find;
