package clay.fs.relate;

import clay.fs.FileRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The relationship graph of a set of files, exportable as JSON ({@code nodes}, {@code edges}) and Graphviz DOT. */
public record Graph(List<FileRecord> nodes, List<Edge> edges) {

    /** One undirected (references: directed) connection. */
    public record Edge(long from, long to, String kind, String reason, double weight) {}

    public static Graph of(List<FileRecord> files, Relations relations) {
        Map<String, Edge> edges = new LinkedHashMap<>();
        for (FileRecord f : files) {
            for (Relation r : relations.related(f)) {
                boolean directed = r.kind().equals("references") || r.kind().equals("provenance");
                if (r.kind().equals("referenced-by")) continue;
                long a = directed ? f.id() : Math.min(f.id(), r.fileId());
                long b = directed ? r.fileId() : Math.max(f.id(), r.fileId());
                edges.putIfAbsent(a + ">" + b + "/" + r.kind(), new Edge(a, b, r.kind(), r.reason(), r.weight()));
            }
        }
        return new Graph(files, List.copyOf(edges.values()));
    }

    public ObjectNode toJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode ns = root.putArray("nodes");
        for (FileRecord f : nodes) {
            ns.addObject().put("id", f.id()).put("path", f.path()).put("type", f.docType()).put("status", f.status().wire());
        }
        ArrayNode es = root.putArray("edges");
        for (Edge e : edges) {
            es.addObject().put("from", e.from()).put("to", e.to()).put("kind", e.kind()).put("reason", e.reason())
                    .put("weight", Math.round(e.weight() * 1000) / 1000.0);
        }
        return root;
    }

    public String toDot() {
        StringBuilder b = new StringBuilder("digraph clayfs {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n");
        for (FileRecord f : nodes) {
            b.append("  f").append(f.id()).append(" [label=\"").append(esc(f.path())).append("\\n(").append(esc(f.docType()))
                    .append(")\"];\n");
        }
        for (Edge e : edges) {
            boolean directed = e.kind().equals("references") || e.kind().equals("provenance");
            b.append("  f").append(e.from()).append(" -> f").append(e.to()).append(" [label=\"").append(esc(e.kind()))
                    .append("\", tooltip=\"").append(esc(e.reason())).append('"').append(directed ? "" : ", dir=none")
                    .append("];\n");
        }
        return b.append("}\n").toString();
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
