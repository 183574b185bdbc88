package clay.canvas.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The self-contained HTML form of an export: every piece of text escaped, no scripts, no outside resources. */
final class HtmlExport {
    private HtmlExport() {}

    static String html(String title, List<JsonNode> docs) {
        StringBuilder sb = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        sb.append("<title>").append(esc(title)).append("</title><style>")
                .append("body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#1d1d1f}")
                .append(".cols{display:grid;grid-template-columns:repeat(").append(docs.size()).append(",minmax(0,1fr));gap:16px}")
                .append(".doc{white-space:pre-wrap;border:1px solid #ddd;border-radius:8px;padding:12px}")
                .append("ins{background:#d7f5dd;text-decoration:none}del{background:#fde2e1;color:#8a1f1f}")
                .append("mark{background:#fff1a8}sup{color:#7a5b00}.notes{font-size:13px;margin-top:8px}")
                .append("@page{size:A4 landscape;margin:12mm}</style></head><body>");
        sb.append("<h1>").append(esc(title)).append("</h1><p>Changes from the previous document: <ins>added</ins>, <del>removed</del>; <mark>notes</mark>.</p><div class=\"cols\">");
        for (JsonNode d : docs) {
            sb.append("<section><h2>").append(esc(d.path("title").asText("Document"))).append("</h2>");
            if (d.has("document")) sb.append("<p><code>").append(esc(d.at("/document/path").asText())).append("</code></p>");
            sb.append("<div class=\"doc\">");
            for (ComparisonExport.Piece p : ComparisonExport.pieces(d)) {
                String t = esc(p.text());
                if (p.op().equals("added")) t = "<ins>" + t + "</ins>";
                if (p.op().equals("removed")) t = "<del>" + t + "</del>";
                if (p.note() >= 0) t = "<mark>" + t + "</mark><sup>" + (p.note() + 1) + "</sup>";
                sb.append(t);
            }
            sb.append("</div>");
            JsonNode notes = d.path("annotations");
            if (!notes.isEmpty()) {
                sb.append("<ol class=\"notes\">");
                notes.forEach(n -> sb.append("<li><q>").append(esc(n.path("quote").asText())).append("</q> — ").append(esc(n.path("note").asText())).append("</li>"));
                sb.append("</ol>");
            }
            sb.append("</section>");
        }
        return sb.append("</div></body></html>").toString();
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
