package clay.fs.bench;

import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A retrieval collection in BEIR's file format: corpus and queries as JSON lines, qrels as TSV with a header. */
public record Beir(List<Doc> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {

    public record Doc(String id, String title, String text) {}

    public static Beir load(Path corpus, Path queries, Path qrels) {
        ObjectMapper json = new ObjectMapper();
        List<Doc> docs = new ArrayList<>();
        lines(corpus, (n, line) -> {
            JsonNode d = json.readTree(line);
            docs.add(new Doc(need(d, "_id", corpus, n), d.path("title").asText(""), d.path("text").asText("")));
        });
        Map<String, String> qs = new LinkedHashMap<>();
        lines(queries, (n, line) -> {
            JsonNode q = json.readTree(line);
            qs.put(need(q, "_id", queries, n), need(q, "text", queries, n));
        });
        Map<String, Map<String, Integer>> rel = new LinkedHashMap<>();
        lines(qrels, (n, line) -> {
            String[] f = line.split("\t");
            if (f.length < 3) f = line.trim().split("\\s+");
            if (n == 1 && !f[f.length - 1].matches("-?\\d+")) return; // header
            if (f.length < 3) throw bad(qrels, n, "expected query-id, corpus-id, score");
            rel.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], Integer.parseInt(f[f.length - 1].trim()));
        });
        if (docs.isEmpty() || qs.isEmpty() || rel.isEmpty()) {
            throw new InvalidInputException("empty BEIR collection (corpus " + docs.size() + ", queries " + qs.size() + ", qrels "
                    + rel.size() + ")", "pass corpus.jsonl, queries.jsonl and qrels/test.tsv of one collection");
        }
        return new Beir(docs, qs, rel);
    }

    private interface LineHandler {
        void line(int number, String line) throws IOException;
    }

    private static void lines(Path file, LineHandler h) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) h.line(n, line);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), "check the path and the file format");
        }
    }

    private static String need(JsonNode n, String field, Path file, int line) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw bad(file, line, "missing \"" + field + "\"");
        return v.asText();
    }

    private static InvalidInputException bad(Path file, int line, String what) {
        return new InvalidInputException(file + " line " + line + ": " + what, "use the BEIR format (see docs/benchmarks/fs.md)");
    }
}
