package clay.canvas.factory;

import clay.canvas.spec.Specs;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rows from a data file: CSV/TSV with a header line, or a JSON array of flat objects. */
final class DataFiles {
    private static final int MAX_ROWS = 10_000;

    private DataFiles() {}

    static ArrayNode rows(Document d) {
        String name = d.title().toLowerCase(Locale.ROOT);
        String text = d.text().strip();
        if (name.endsWith(".json") || text.startsWith("[")) return json(d, text);
        return delimited(d, text, name.endsWith(".tsv") || (!text.contains(",") && text.contains("\t")) ? '\t' : ',');
    }

    private static ArrayNode json(Document d, String text) {
        try {
            JsonNode n = Specs.json().readTree(text);
            if (n.isArray() && !n.isEmpty() && n.get(0).isObject()) return (ArrayNode) n;
        } catch (Exception e) {
            // reported below
        }
        throw new InvalidInputException(d.title() + " is not a JSON array of objects", "Use [{\"month\":\"Jan\",\"amount\":3}, ...] or a CSV file with a header line.");
    }

    private static ArrayNode delimited(Document d, String text, char sep) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) throw new InvalidInputException(d.title() + " has no data rows", "A CSV file needs a header line and at least one row.");
        List<String> header = split(lines.get(0), sep);
        ArrayNode rows = Specs.json().createArrayNode();
        for (String line : lines.subList(1, Math.min(lines.size(), MAX_ROWS + 1))) {
            List<String> cells = split(line, sep);
            ObjectNode r = rows.addObject();
            for (int i = 0; i < header.size(); i++) {
                String key = header.get(i).isBlank() ? "column_" + (i + 1) : header.get(i).strip();
                String v = i < cells.size() ? cells.get(i).strip() : "";
                if (v.matches("-?\\d{1,18}")) r.put(key, Long.parseLong(v));
                else if (v.matches("-?\\d{0,18}\\.\\d{1,18}")) r.put(key, Double.parseDouble(v));
                else r.put(key, v);
            }
        }
        return rows;
    }

    /** One CSV line: commas (or tabs) separate, double quotes group, doubled quotes escape. */
    static List<String> split(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') quoted = true;
            else if (c == sep) { out.add(cur.toString()); cur.setLength(0); }
            else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }
}
