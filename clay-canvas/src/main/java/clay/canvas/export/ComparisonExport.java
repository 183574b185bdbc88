package clay.canvas.export;

import clay.core.AtomicFiles;
import clay.core.ClayException;
import clay.core.ClayHome;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Exports the documents of a surface (its {@code diff} components: comparisons and opened files) with their
 * highlighted changes and notes, as Markdown, self-contained HTML, or PDF printed by headless Chromium.
 */
public final class ComparisonExport {
    /** A written export: where it is, and its Markdown text (empty for PDF). */
    public record Result(Path path, String format, String markdown) {}

    /** One run of text: {@code same}, {@code added} or {@code removed}, and the index of its note or -1. */
    record Piece(String op, String text, int note) {}

    private ComparisonExport() {}

    public static Result write(JsonNode spec, String format, Path dir) {
        List<JsonNode> docs = new ArrayList<>();
        spec.path("components").forEach(c -> { if (c.path("type").asText().equals("diff")) docs.add(c); });
        if (docs.isEmpty()) throw new InvalidInputException("this surface has no documents to export", "Export a comparison or an opened file.");
        String title = spec.path("title").asText("Comparison");
        String base = slug(title) + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        ClayHome.ensureDir(dir);
        try {
            return switch (format) {
                case "md", "markdown" -> {
                    String md = markdown(title, docs);
                    Path p = dir.resolve(base + ".md");
                    AtomicFiles.writeString(p, md);
                    yield new Result(p, "md", md);
                }
                case "html" -> {
                    Path p = dir.resolve(base + ".html");
                    AtomicFiles.writeString(p, HtmlExport.html(title, docs));
                    yield new Result(p, "html", markdown(title, docs));
                }
                case "pdf" -> {
                    Path html = dir.resolve(base + ".print.html");
                    AtomicFiles.writeString(html, HtmlExport.html(title, docs));
                    Path pdf = dir.resolve(base + ".pdf");
                    try {
                        printPdf(html, pdf);
                    } finally {
                        Files.deleteIfExists(html);
                    }
                    yield new Result(pdf, "pdf", "");
                }
                default -> throw new InvalidInputException("unknown export format '" + format + "'", "Use md, html or pdf.");
            };
        } catch (IOException e) {
            throw new ClayException("cannot write the export to " + dir + ": " + e.getMessage(), "Check free space and permissions.", e);
        }
    }

    static String markdown(String title, List<JsonNode> docs) {
        StringBuilder sb = new StringBuilder("# ").append(escapeMd(title)).append("\n\n");
        sb.append("Exported from Clay. Changes from the previous document are marked **added** and ~~removed~~.\n");
        for (JsonNode d : docs) {
            sb.append("\n## ").append(escapeMd(d.path("title").asText("Document"))).append("\n\n");
            if (d.has("document")) sb.append("File: `").append(d.at("/document/path").asText().replace("`", "'")).append("` (sha256 ").append(d.at("/document/hash").asText(), 0, 12).append(")\n\n");
            for (Piece p : pieces(d)) {
                String t = escapeMd(p.text()).replaceAll("(?<=\\S)\n(?=.)", "  \n"); // keep the document's line breaks
                String marked = switch (p.op()) {
                    case "added" -> wrapLines(t, "**");
                    case "removed" -> wrapLines(t, "~~");
                    default -> t;
                };
                sb.append(p.note() >= 0 ? wrapLines(marked, "==") + "[^" + noteLabel(d, p.note()) + "]" : marked);
            }
            sb.append("\n");
            JsonNode notes = d.path("annotations");
            if (!notes.isEmpty()) {
                sb.append("\n### Notes\n\n");
                for (int i = 0; i < notes.size(); i++) {
                    JsonNode n = notes.get(i);
                    sb.append("[^").append(noteLabel(d, i)).append("]: “").append(escapeMd(n.path("quote").asText()).replace('\n', ' '))
                            .append("” — ").append(escapeMd(n.path("note").asText()).replace('\n', ' ')).append("\n");
                }
            }
        }
        return sb.toString();
    }

    private static String noteLabel(JsonNode doc, int i) {
        return doc.path("id").asText("d") + "-" + (i + 1);
    }

    /** The document's runs, split where notes begin and end; offsets count the document's own text (not removed runs). */
    static List<Piece> pieces(JsonNode doc) {
        JsonNode notes = doc.path("annotations");
        List<Piece> out = new ArrayList<>();
        int offset = 0;
        for (JsonNode seg : doc.path("segments")) {
            String op = seg.path("op").asText(), text = seg.path("text").asText();
            if (op.equals("removed")) {
                out.add(new Piece(op, text, -1));
                continue;
            }
            int i = 0;
            while (i < text.length()) {
                int abs = offset + i, note = noteAt(notes, abs), end = text.length();
                for (JsonNode n : notes) {
                    int s = n.path("start").asInt() - offset, e = n.path("end").asInt() - offset;
                    if (s > i && s < end) end = s;
                    if (e > i && e < end) end = e;
                }
                out.add(new Piece(op, text.substring(i, end), note));
                i = end;
            }
            offset += text.length();
        }
        return out;
    }

    private static int noteAt(JsonNode notes, int pos) {
        for (int i = 0; i < notes.size(); i++) {
            if (notes.get(i).path("start").asInt() <= pos && pos < notes.get(i).path("end").asInt()) return i;
        }
        return -1;
    }

    private static String wrapLines(String text, String mark) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            String trimmed = body.strip();
            if (trimmed.isEmpty()) sb.append(line);
            else {
                int lead = body.indexOf(trimmed);
                sb.append(body, 0, lead).append(mark).append(trimmed).append(mark).append(body.substring(lead + trimmed.length()));
                if (line.endsWith("\n")) sb.append('\n');
            }
        }
        return sb.toString();
    }

    static String escapeMd(String s) {
        return s.replaceAll("([\\\\`*_\\[\\]<>|~=])", "\\\\$1");
    }

    private static String slug(String s) {
        String out = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return out.isEmpty() ? "export" : out.substring(0, Math.min(40, out.length()));
    }

    /** Prints {@code html} to {@code pdf} with headless Chromium ({@code CLAY_CHROMIUM} or /usr/bin/chromium). */
    static void printPdf(Path html, Path pdf) throws IOException {
        String chromium = System.getenv().getOrDefault("CLAY_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new ClayException("PDF export needs Chromium, which was not found at " + chromium, "Install it (apt-get install chromium) or export as md or html.");
        }
        Path profile = Files.createTempDirectory("clay-pdf");
        try {
            Process p = new ProcessBuilder(chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                    "--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath(), html.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ClayException("Chromium took longer than 60 s to print the PDF", "Export as html and print it from a browser.");
            }
            if (!Files.isRegularFile(pdf) || Files.size(pdf) == 0) throw new ClayException("Chromium did not write the PDF (exit " + p.exitValue() + ")", "Export as html instead.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClayException("interrupted while printing the PDF", null, e);
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
