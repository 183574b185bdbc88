package clay.fs.index;

import clay.core.ClayException;
import clay.fs.extract.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The Lucene index: one document per chunk with its text (BM25, English stemming) and its vector (HNSW, dot product
 * on unit vectors), keyed by file id. Chunk 0 of each file also stores the file's mean vector, for "similar files".
 * Writes become durable at {@link #commit()}; a crash before it loses only uncommitted chunks, which the catalogue
 * knows to re-index (it records a file as indexed only after the commit). Thread-safe.
 */
public final class SearchIndex implements AutoCloseable {
    static final String ID = "id", CHUNK = "chunk", BODY = "body", TEXT = "text", VEC = "vec", FILE_VEC = "fvec";

    private final Directory dir;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final int dims;

    private SearchIndex(Directory dir, int dims) throws IOException {
        this.dir = dir;
        this.dims = dims;
        IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64).setCommitOnClose(true);
        this.writer = new IndexWriter(dir, cfg);
        this.searchers = new SearcherManager(writer, null);
    }

    /** Opens (or creates) the index in {@code path}. */
    public static SearchIndex open(Path path, int dims) {
        try {
            return new SearchIndex(FSDirectory.open(path), dims);
        } catch (IOException e) {
            throw new ClayException("cannot open the ClayFS index in " + path + ": " + e.getMessage(),
                    "delete the index directory; Clay rebuilds it from the catalogue on the next start", e);
        }
    }

    public int dimensions() {
        return dims;
    }

    /** Replaces every chunk of {@code fileId} by {@code chunks} with their {@code vectors} (same order, may be empty). */
    public void replace(String fileId, List<Chunk> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) throw new IllegalArgumentException("one vector per chunk");
        try {
            List<Document> docs = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                Document d = new Document();
                d.add(new StringField(ID, fileId, Field.Store.YES));
                d.add(new StoredField(CHUNK, chunks.get(i).index()));
                d.add(new TextField(BODY, chunks.get(i).text(), Field.Store.NO));
                d.add(new StoredField(TEXT, chunks.get(i).text()));
                d.add(new KnnFloatVectorField(VEC, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
                if (i == 0) d.add(new StoredField(FILE_VEC, toBytes(mean(vectors))));
                docs.add(d);
            }
            writer.updateDocuments(new Term(ID, fileId), docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String fileId) {
        try {
            writer.deleteDocuments(new Term(ID, fileId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every change so far durable and visible. */
    public void commit() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new ClayException("cannot commit the ClayFS index: " + e.getMessage(), "check free disk space", e);
        }
    }

    /** Makes changes visible to searches without the cost of a durable commit. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BM25 over chunk text; {@code only} (when present) restricts to those file ids. */
    public List<ChunkHit> text(String query, int k, Optional<Collection<String>> only) {
        Query q = new QueryBuilder(analyzer).createBooleanQuery(BODY, query, BooleanClause.Occur.SHOULD);
        if (q == null) return List.of();
        return search(restrict(q, only), k);
    }

    /**
     * BM25 with the query expanded by pseudo-relevance feedback ({@link Rm3}): a first search, the words most typical of
     * its top chunks, then a second search with the original words and those, weighted.
     */
    public List<ChunkHit> text(String query, int k, Optional<Collection<String>> only, Rm3 rm3) {
        List<ChunkHit> first = text(query, Math.max(k, rm3.docs()), only);
        if (first.isEmpty()) return first;
        Map<String, Double> original = shares(terms(query));
        if (original.isEmpty()) return first;
        List<ChunkHit> top = first.subList(0, Math.min(rm3.docs(), first.size()));
        double scoreSum = top.stream().mapToDouble(ChunkHit::score).sum();
        Map<String, Double> feedback = new HashMap<>();
        for (ChunkHit h : top) {
            Map<String, Integer> tf = terms(h.text());
            double len = tf.values().stream().mapToInt(Integer::intValue).sum();
            double w = scoreSum > 0 ? h.score() / scoreSum : 1.0 / top.size();
            if (len > 0) tf.forEach((t, c) -> feedback.merge(t, w * c / len, Double::sum));
        }
        Map<String, Double> kept = new HashMap<>();
        feedback.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(rm3.terms())
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        Map<String, Double> fb = shares(kept);
        Map<String, Double> weight = new HashMap<>();
        original.forEach((t, w) -> weight.merge(t, rm3.originalWeight() * w, Double::sum));
        fb.forEach((t, w) -> weight.merge(t, (1 - rm3.originalWeight()) * w, Double::sum));
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        weight.forEach((t, w) -> {
            if (w > 0) b.add(new BoostQuery(new TermQuery(new Term(BODY, t)), w.floatValue()), BooleanClause.Occur.SHOULD);
        });
        return search(restrict(b.build(), only), k);
    }

    /** The analysed words of {@code text} (stemmed, stop words removed) with their counts. */
    Map<String, Integer> terms(String text) {
        Map<String, Integer> tf = new HashMap<>();
        try (TokenStream ts = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) tf.merge(term.toString(), 1, Integer::sum);
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tf;
    }

    private static <N extends Number> Map<String, Double> shares(Map<String, N> counts) {
        double sum = counts.values().stream().mapToDouble(Number::doubleValue).sum();
        Map<String, Double> out = new HashMap<>();
        if (sum > 0) counts.forEach((t, c) -> out.put(t, c.doubleValue() / sum));
        return out;
    }

    /** Nearest chunks to {@code vector} (HNSW; exact when the filter is small); score is cosine similarity. */
    public List<ChunkHit> vector(float[] vector, int k, Optional<Collection<String>> only) {
        Query filter = only.map(SearchIndex::idFilter).orElse(null);
        List<ChunkHit> hits = search(new KnnFloatVectorQuery(VEC, vector, k, filter), k);
        return hits.stream().map(h -> new ChunkHit(h.fileId(), h.chunk(), 2 * h.score() - 1, h.text())).toList();
    }

    /** The mean chunk vector of a file, if it is indexed with text. */
    public Optional<float[]> fileVector(String fileId) {
        IndexSearcher s = acquire();
        try {
            TopDocs td = s.search(new TermQuery(new Term(ID, fileId)), 50);
            StoredFields sf = s.storedFields();
            for (ScoreDoc sd : td.scoreDocs) {
                BytesRef b = sf.document(sd.doc).getBinaryValue(FILE_VEC);
                if (b != null) return Optional.of(fromBytes(b));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
    }

    public int chunkCount() {
        IndexSearcher s = acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            release(s);
        }
    }

    private List<ChunkHit> search(Query q, int k) {
        IndexSearcher s = acquire();
        try {
            TopDocs td = s.search(q, Math.max(1, k));
            StoredFields sf = s.storedFields();
            List<ChunkHit> out = new ArrayList<>(td.scoreDocs.length);
            for (ScoreDoc sd : td.scoreDocs) {
                Document d = sf.document(sd.doc);
                out.add(new ChunkHit(d.get(ID), d.getField(CHUNK).numericValue().intValue(), sd.score, d.get(TEXT)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
    }

    private static Query restrict(Query q, Optional<Collection<String>> only) {
        if (only.isEmpty()) return q;
        return new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
                .add(idFilter(only.get()), BooleanClause.Occur.FILTER).build();
    }

    private static Query idFilter(Collection<String> ids) {
        return new TermInSetQuery(ID, ids.stream().map(BytesRef::new).toList());
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher s) {
        try {
            searchers.release(s);
        } catch (IOException ignored) {
            // release only decrements a reference count
        }
    }

    static float[] mean(List<float[]> vectors) {
        float[] m = new float[vectors.getFirst().length];
        for (float[] v : vectors) for (int i = 0; i < m.length; i++) m[i] += v[i];
        return Embedder.normalized(m);
    }

    private static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    private static float[] fromBytes(BytesRef r) {
        ByteBuffer b = ByteBuffer.wrap(r.bytes, r.offset, r.length).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[r.length / 4];
        for (int i = 0; i < v.length; i++) v[i] = b.getFloat();
        return v;
    }

    /** True when a committed index exists in {@code path} and opens cleanly. */
    public static boolean isReadable(Path path) {
        try (Directory d = FSDirectory.open(path); DirectoryReader r = DirectoryReader.open(d)) {
            return r.numDocs() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
