package clay.fs.bench;

import clay.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Readers for the classic small IR test collections as they are distributed, each into a {@link Beir} value (the
 * bench's collection shape). Which files a directory holds decides the format when none is given:
 *
 * <ul>
 *   <li>{@code cisi}: {@code CISI.ALL}, {@code CISI.QRY}, {@code CISI.REL} (binary judgements)
 *   <li>{@code cran}: {@code cran.all.1400}, {@code cran.qry}, {@code cranqrel}; queries are numbered by their order
 *       in {@code cran.qry} (its {@code .I} numbers skip), judgements 1..4 with 1 the best, so the gain is 5 - grade and
 *       anything else is not relevant
 *   <li>{@code cacm}: {@code cacm.all}, {@code query.text}, {@code qrels.text} (binary)
 *   <li>{@code med}: {@code MED.ALL}, {@code MED.QRY}, {@code MED.REL}; {@code time} and {@code lisa} likewise
 *   <li>{@code npl}: {@code doc-text}, {@code query-text}, {@code rlv-ass} (blocks ended by a slash)
 *   <li>{@code beir}: {@code corpus.jsonl}, {@code queries.jsonl}, {@code qrels/test.tsv}
 * </ul>
 *
 * The SMART-style files ({@code .I id}, then fields such as {@code .T} title, {@code .W} text, {@code .K} keywords)
 * give each document a title ({@code .T}) and a text ({@code .W} and {@code .K}); authors, dates and citation lists are
 * left out, as retrieval studies on these collections do.
 */
public final class IrCollections {
    private IrCollections() {}

    /** The formats this class reads. */
    public static final List<String> FORMATS = List.of("cisi", "cran", "cacm", "med", "time", "lisa", "npl", "beir");

    /** Loads {@code dir} in {@code format}, or the format its file names show when {@code format} is "auto". */
    public static Beir load(Path dir, String format) {
        String f = format == null || format.equals("auto") ? detect(dir).orElseThrow(() -> new InvalidInputException(
                "cannot tell the collection format of " + dir, "pass --format, one of " + FORMATS)) : format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "cisi" -> smart(dir, "CISI.ALL", "CISI.QRY", "CISI.REL", false, IrCollections::gainAsBinary);
            case "med" -> smart(dir, "MED.ALL", "MED.QRY", "MED.REL", false, IrCollections::gainAsBinary);
            case "time" -> smart(dir, "TIME.ALL", "TIME.QUE", "TIME.REL", false, IrCollections::gainAsBinary);
            case "lisa" -> smart(dir, "LISA.ALL", "LISA.QUE", "LISA.REL", false, IrCollections::gainAsBinary);
            case "cacm" -> smart(dir, "cacm.all", "query.text", "qrels.text", false, IrCollections::gainAsBinary);
            case "cran" -> smart(dir, "cran.all.1400", "cran.qry", "cranqrel", true, IrCollections::cranfieldGain);
            case "npl" -> npl(dir);
            case "beir" -> Beir.load(dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), beirQrels(dir));
            default -> throw new InvalidInputException("unknown collection format " + format, "use one of " + FORMATS + " or auto");
        };
    }

    /** The format whose files {@code dir} holds, if any. */
    public static Optional<String> detect(Path dir) {
        Map<String, String> marker = new LinkedHashMap<>();
        marker.put("CISI.ALL", "cisi");
        marker.put("cran.all.1400", "cran");
        marker.put("cacm.all", "cacm");
        marker.put("MED.ALL", "med");
        marker.put("TIME.ALL", "time");
        marker.put("LISA.ALL", "lisa");
        marker.put("doc-text", "npl");
        marker.put("corpus.jsonl", "beir");
        for (var e : marker.entrySet()) if (Files.isRegularFile(dir.resolve(e.getKey()))) return Optional.of(e.getValue());
        return Optional.empty();
    }

    /** One record of a SMART-style file: its {@code .I} id and its fields by letter. */
    record Record(String id, Map<Character, String> fields) {}

    /** Splits a SMART-style file ({@code .I 12}, {@code .T}, {@code .W}, ...) into records. */
    static List<Record> records(String content) {
        List<Record> out = new ArrayList<>();
        String id = null;
        Map<Character, StringBuilder> fields = null;
        StringBuilder cur = null;
        for (String line : content.split("\\r?\\n")) {
            if (line.startsWith(".I ") || line.equals(".I")) {
                if (id != null) out.add(done(id, fields));
                id = line.substring(2).trim();
                fields = new LinkedHashMap<>();
                cur = null;
            } else if (line.length() >= 2 && line.charAt(0) == '.' && Character.isUpperCase(line.charAt(1))
                    && (line.length() == 2 || Character.isWhitespace(line.charAt(2)))) {
                if (fields == null) throw new InvalidInputException("a field before the first .I line", "is this a SMART-format file?");
                cur = fields.computeIfAbsent(line.charAt(1), k -> new StringBuilder());
                if (!cur.isEmpty()) cur.append('\n');
                cur.append(line.substring(2).strip());
            } else if (cur != null) {
                if (!cur.isEmpty()) cur.append('\n');
                cur.append(line);
            }
        }
        if (id != null) out.add(done(id, fields));
        return out;
    }

    private static Record done(String id, Map<Character, StringBuilder> fields) {
        Map<Character, String> f = new LinkedHashMap<>();
        fields.forEach((k, v) -> f.put(k, v.toString().strip()));
        return new Record(id, f);
    }

    private interface Gain {
        int of(int judged);
    }

    private static int gainAsBinary(int judged) {
        return 1;
    }

    static int cranfieldGain(int judged) {
        return judged >= 1 && judged <= 4 ? 5 - judged : 0;
    }

    private static Beir smart(Path dir, String all, String qry, String rel, boolean queriesByOrder, Gain gain) {
        List<Beir.Doc> docs = new ArrayList<>();
        for (Record r : records(read(dir.resolve(all)))) {
            String text = join(r.fields().get('W'), r.fields().get('K'));
            docs.add(new Beir.Doc(number(r.id()), oneLine(r.fields().getOrDefault('T', "")), text));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        int n = 0;
        for (Record r : records(read(dir.resolve(qry)))) {
            String text = join(r.fields().get('T'), r.fields().get('W'));
            if (text.isBlank()) continue;
            n++;
            queries.put(queriesByOrder ? String.valueOf(n) : number(r.id()), oneLine(text));
        }
        return checked(dir, docs, queries, pairs(read(dir.resolve(rel)), gain));
    }

    /** Whitespace-separated judgements: query, document, and (when four columns) a grade in the third. */
    static Map<String, Map<String, Integer>> pairs(String content, Gain gain) {
        Map<String, Map<String, Integer>> rel = new LinkedHashMap<>();
        for (String line : content.split("\\r?\\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].matches("\\d+") || !f[1].matches("\\d+")) continue;
            int judged = f.length >= 3 && f[2].matches("-?\\d+") ? Integer.parseInt(f[2]) : 1;
            // CISI and CACM put 0 in the third column of every pair: a judged pair is relevant there
            int g = f.length == 4 && f[2].equals("0") ? 1 : gain.of(judged);
            if (g > 0) rel.computeIfAbsent(number(f[0]), k -> new HashMap<>()).put(number(f[1]), g);
        }
        return rel;
    }

    private static Beir npl(Path dir) {
        List<Beir.Doc> docs = new ArrayList<>();
        for (var b : slashBlocks(read(dir.resolve("doc-text"))).entrySet()) docs.add(new Beir.Doc(b.getKey(), "", b.getValue()));
        Map<String, String> queries = new LinkedHashMap<>();
        slashBlocks(read(dir.resolve("query-text"))).forEach((id, text) -> queries.put(id, oneLine(text).toLowerCase(Locale.ROOT)));
        Map<String, Map<String, Integer>> rel = new LinkedHashMap<>();
        slashBlocks(read(dir.resolve("rlv-ass"))).forEach((id, list) -> {
            for (String d : list.trim().split("\\s+")) if (d.matches("\\d+")) rel.computeIfAbsent(id, k -> new HashMap<>()).put(number(d), 1);
        });
        return checked(dir, docs, queries, rel);
    }

    /** NPL's layout: a line with the id, then the body, then a line holding only {@code /}. */
    static Map<String, String> slashBlocks(String content) {
        Map<String, String> out = new LinkedHashMap<>();
        String id = null;
        StringBuilder body = new StringBuilder();
        for (String line : content.split("\\r?\\n")) {
            String t = line.trim();
            if (id == null) {
                if (t.isEmpty()) continue;
                if (!t.matches("\\d+")) throw new InvalidInputException("expected a number, found \"" + t + "\"", "is this an NPL-format file?");
                id = number(t);
            } else if (t.equals("/")) {
                out.put(id, body.toString().strip());
                id = null;
                body.setLength(0);
            } else {
                if (!body.isEmpty()) body.append('\n');
                body.append(line.strip());
            }
        }
        if (id != null && !body.isEmpty()) out.put(id, body.toString().strip());
        return out;
    }

    private static Path beirQrels(Path dir) {
        Path test = dir.resolve("qrels").resolve("test.tsv");
        return Files.isRegularFile(test) ? test : dir.resolve("qrels.tsv");
    }

    private static Beir checked(Path dir, List<Beir.Doc> docs, Map<String, String> queries, Map<String, Map<String, Integer>> rel) {
        if (docs.isEmpty() || queries.isEmpty() || rel.isEmpty()) {
            throw new InvalidInputException("empty collection in " + dir + " (documents " + docs.size() + ", queries " + queries.size()
                    + ", judged queries " + rel.size() + ")", "check the files and --format (see bench/README.md)");
        }
        return new Beir(docs, queries, rel);
    }

    private static String number(String s) {
        String t = s.trim();
        return t.matches("\\d+") ? String.valueOf(Long.parseLong(t)) : t;
    }

    private static String join(String a, String b) {
        return ((a == null ? "" : a) + (b == null || b.isBlank() ? "" : "\n" + b)).strip();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), "see bench/README.md for the files each format needs");
        }
    }
}
