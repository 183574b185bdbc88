package clay.fs.find;

import clay.fs.FileRecord;
import clay.fs.index.Embedder;
import clay.fs.index.SearchIndex;
import clay.fs.store.Catalog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Intent-based retrieval: reads the query ({@link QueryReader}), turns type and time constraints into the set of files
 * allowed (catalogue + activity log), then ranks those with {@link HybridSearch} (BM25 and vector kNN, fused). A type
 * filter that would leave nothing is relaxed into a search word, and the explanation says so.
 */
public final class Finder {
    private final Catalog catalog;
    private final SearchIndex index;
    private final Embedder embedder;
    private final QueryReader reader;
    private final Clock clock;
    private final HybridSearch search;

    public Finder(Catalog catalog, SearchIndex index, Embedder embedder, TimeResolver time, Clock clock, HybridSearch search) {
        this.catalog = catalog;
        this.index = index;
        this.embedder = embedder;
        this.reader = new QueryReader(time);
        this.clock = clock;
        this.search = search;
    }

    public FindResult find(String query, int limit) {
        QueryReading r = reader.read(query, ZonedDateTime.now(clock));
        List<String> notes = new ArrayList<>(r.notes());
        String text = r.text();
        Optional<Set<Long>> allowed = Optional.empty();
        if (r.docType().isPresent()) {
            Set<Long> typed = new HashSet<>(catalog.db().query(
                    "SELECT id FROM files WHERE deleted = 0 AND coalesce(user_type, ai_type) = ?", rs -> rs.getLong(1), r.docType().get()));
            if (typed.isEmpty()) {
                notes.add("no file is typed " + r.docType().get() + ", so the word is searched instead of filtered on");
                text = (text + " " + r.docType().get()).strip();
            } else {
                allowed = Optional.of(typed);
            }
        }
        Map<Long, Instant> when = new LinkedHashMap<>();
        if (r.time().isPresent()) {
            TimeSpan span = r.time().get();
            for (long id : catalog.activeBetween(r.activity(), span.from().toEpochMilli(), span.to().toEpochMilli())) {
                when.put(id, span.from());
            }
            Set<Long> inTime = when.keySet();
            allowed = Optional.of(allowed.map(a -> intersect(a, inTime)).orElse(new HashSet<>(inTime)));
            notes.add(inTime.size() + " file(s) have matching activity in " + span.phrase());
        }
        List<FindHit> hits = allowed.isPresent() && allowed.get().isEmpty() ? List.of()
                : text.isBlank() ? byRecency(allowed, limit, r) : ranked(text, allowed, limit, r);
        return new FindResult(new QueryReading(r.query(), text, r.docType(), r.time(), r.activity(), notes), hits);
    }

    private List<FindHit> ranked(String text, Optional<Set<Long>> allowed, int limit, QueryReading r) {
        Optional<Collection<String>> only = allowed.map(s -> s.stream().map(String::valueOf).collect(Collectors.toSet()));
        List<HybridRanker.Fused> fused = search.search(index, embedder, text, only);
        Map<Long, FileRecord> files = new LinkedHashMap<>();
        List<Long> ids = fused.stream().limit(limit * 2L).map(f -> Long.parseLong(f.id())).toList();
        for (FileRecord f : catalog.byIds(ids)) files.put(f.id(), f);
        List<FindHit> out = new ArrayList<>();
        for (HybridRanker.Fused f : fused) {
            FileRecord file = files.get(Long.parseLong(f.id()));
            if (file == null || file.status() == clay.fs.FileStatus.DELETED) continue;
            List<String> why = new ArrayList<>();
            why.add(f.text().map(s -> String.format("terms: BM25 rank %d (score %.2f)", s.rank(), s.score()))
                    .orElse("terms: no matching words"));
            why.add(f.vector().map(s -> String.format("meaning: vector rank %d (cosine %.2f)", s.rank(), s.score()))
                    .orElse("meaning: not among the nearest chunks"));
            filters(file, r).forEach(why::add);
            String snippet = f.text().or(f::vector).map(HybridRanker.Scored::text).orElse("");
            out.add(new FindHit(out.size() + 1, file, f.score(), shorten(snippet), why));
            if (out.size() >= limit) break;
        }
        return out;
    }

    private List<FindHit> byRecency(Optional<Set<Long>> allowed, int limit, QueryReading r) {
        List<FileRecord> files = allowed.map(a -> catalog.byIds(a)).orElseGet(() -> catalog.live(""));
        List<FileRecord> sorted = files.stream().filter(f -> f.status() != clay.fs.FileStatus.DELETED)
                .sorted((a, b) -> b.modified().compareTo(a.modified())).limit(limit).toList();
        List<FindHit> out = new ArrayList<>();
        for (FileRecord f : sorted) {
            List<String> why = new ArrayList<>(filters(f, r));
            why.add("ordered by last change (" + f.modified() + ")");
            out.add(new FindHit(out.size() + 1, f, 1.0 / (out.size() + 1), shorten(f.summary()), why));
        }
        return out;
    }

    private static List<String> filters(FileRecord f, QueryReading r) {
        List<String> why = new ArrayList<>();
        r.docType().ifPresent(t -> { if (t.equals(f.docType())) why.add("type: " + t); });
        r.time().ifPresent(t -> why.add("activity (" + String.join("/", r.activity()) + ") in " + t.phrase()));
        return why;
    }

    private static Set<Long> intersect(Set<Long> a, Set<Long> b) {
        Set<Long> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }

    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
