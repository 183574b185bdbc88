package clay.canvas.factory;

import clay.canvas.annotate.AnnotatedSpecs;
import clay.canvas.annotate.AnnotationStore;
import clay.canvas.diff.TextDiff;
import clay.canvas.spec.Specs;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The factory's templates: one method per common intent, each returning a draft that validates. */
final class Templates {
    static final Set<String> INTENTS = Set.of("show_file", "show_text", "show_table", "results_table", "compare_documents",
            "chart_data", "show_data", "fill_form", "show_weather", "show_calendar");
    private static final Set<String> CODE = Set.of("java", "py", "js", "ts", "rs", "go", "c", "h", "cpp", "sh", "json", "xml", "yaml", "yml", "toml", "sql", "kt");

    private final DocumentSource docs;
    private final AnnotationStore notes;

    Templates(DocumentSource docs, AnnotationStore notes) {
        this.docs = docs;
        this.notes = notes;
    }

    SurfaceDraft build(String intent, JsonNode p) {
        return switch (intent) {
            case "show_file" -> showFile(docs.read(required(p, "path")));
            case "show_text" -> showText(p.path("title").asText("Note"), required(p, "text"));
            case "show_table", "results_table" -> table(p.path("title").asText("Results"), rows(p));
            case "compare_documents" -> compare(p);
            case "chart_data" -> chart(p.path("title").asText("Chart"), rows(p), p.path("mark").asText("bar"));
            case "show_data" -> data(p);
            case "fill_form" -> form(p);
            case "show_weather" -> weather(p);
            case "show_calendar" -> calendar(p);
            default -> throw new IllegalArgumentException("no template for " + intent);
        };
    }

    private static String required(JsonNode p, String name) {
        JsonNode v = p.path(name);
        if (!v.isTextual() || v.asText().isBlank()) throw new InvalidInputException("missing parameter '" + name + "'", "Say which " + name + " you mean.");
        return v.asText();
    }

    private static Rows rows(JsonNode p) {
        return Rows.from(p.path("rows"), p.path("x").asText(null), p.path("y").asText(null))
                .orElseThrow(() -> new InvalidInputException("'rows' must be a non-empty list of objects", "Pass rows like [{\"month\":\"Jan\",\"amount\":3}]."));
    }

    SurfaceDraft showFile(clay.canvas.factory.Document d) {
        String ext = d.title().contains(".") ? d.title().substring(d.title().lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        ObjectNode body;
        if (ext.equals("md") || ext.equals("markdown")) body = Specs.component("body", "markdown").put("markdown", d.text());
        else if (CODE.contains(ext)) body = Specs.component("body", "code").put("code", d.text()).put("language", ext);
        else {
            body = Specs.component("body", "diff").put("title", d.title()).put("annotatable", true);
            body.putArray("segments").addObject().put("op", "same").put("text", d.text());
            body.putObject("document").put("path", d.path()).put("hash", d.key().hash());
        }
        ObjectNode spec = Specs.surface(d.title()).related("file:" + d.key().hash().substring(0, 12)).add(body).build();
        return new SurfaceDraft(AnnotatedSpecs.attach(spec, notes), Specs.json().createObjectNode().put("kind", "file").put("path", d.path()));
    }

    SurfaceDraft showText(String title, String text) {
        ObjectNode spec = Specs.surface(title).add(Specs.component("body", "markdown").put("markdown", text)).build();
        return new SurfaceDraft(spec, Specs.json().createObjectNode().put("kind", "text").put("text", text));
    }

    SurfaceDraft table(String title, Rows rows) {
        ObjectNode t = Specs.component("table", "table").put("sortable", true).put("filterable", true).put("selectable", "multiple");
        ArrayNode cols = t.putArray("columns");
        rows.columns().forEach(c -> cols.addObject().put("key", c.key()).put("label", c.label()).put("type", c.type()));
        t.set("rows", rows.rows());
        ObjectNode spec = Specs.surface(title).related("data:" + slug(title)).add(t).build();
        return new SurfaceDraft(spec, rows.asData());
    }

    SurfaceDraft chart(String title, Rows rows, String mark) {
        if (rows.y() == null) throw new InvalidInputException("no numeric column to chart", "Include a number column in the rows, or name it with 'y'.");
        if (!Set.of("bar", "line", "point").contains(mark)) throw new InvalidInputException("unknown chart mark '" + mark + "'", "Use bar, line or point.");
        ObjectNode c = Specs.component("chart", "chart").put("title", title);
        ObjectNode vl = c.putObject("vegaLite");
        vl.put("mark", mark);
        vl.putObject("data").set("values", rows.rows());
        String xType = rows.columns().stream().filter(col -> col.key().equals(rows.x())).findFirst().map(col -> col.type().equals("number") ? "quantitative" : "nominal").orElse("nominal");
        ObjectNode enc = vl.putObject("encoding");
        enc.putObject("x").put("field", rows.x()).put("type", xType).put("title", Rows.label(rows.x()));
        enc.putObject("y").put("field", rows.y()).put("type", "quantitative").put("title", Rows.label(rows.y()));
        ObjectNode spec = Specs.surface(title).related("data:" + slug(title)).add(c).build();
        return new SurfaceDraft(spec, rows.asData());
    }

    SurfaceDraft list(String title, Rows rows) {
        ObjectNode l = Specs.component("list", "list");
        ArrayNode items = l.putArray("items");
        for (JsonNode r : rows.rows()) {
            List<String> parts = new ArrayList<>();
            r.fields().forEachRemaining(e -> parts.add(Rows.label(e.getKey()) + ": " + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
            items.add(String.join(" · ", parts));
        }
        return new SurfaceDraft(Specs.surface(title).related("data:" + slug(title)).add(l).build(), rows.asData());
    }

    /** A data file (CSV, TSV, JSON rows) as a table, or as a chart when {@code chart} names one (bar, line, point). */
    SurfaceDraft data(JsonNode p) {
        clay.canvas.factory.Document d = docs.read(required(p, "path"));
        Rows rows = Rows.from(DataFiles.rows(d), p.path("x").asText(null), p.path("y").asText(null))
                .orElseThrow(() -> new InvalidInputException(d.title() + " has no rows to show", "Use a CSV file with a header line."));
        String chart = p.path("chart").asText("").toLowerCase(Locale.ROOT);
        String title = p.path("title").asText(d.title());
        if (chart.isEmpty() || chart.equals("table")) return table(title, rows);
        return chart(title, rows, chart.contains("line") ? "line" : chart.contains("point") || chart.contains("scatter") ? "point" : "bar");
    }

    SurfaceDraft compare(JsonNode p) {
        JsonNode paths = p.path("paths");
        if (!paths.isArray() || paths.size() < 2 || paths.size() > 6) {
            throw new InvalidInputException("compare_documents needs 2 to 6 paths", "Name the files to compare, e.g. three versions of a bill.");
        }
        List<clay.canvas.factory.Document> ds = new ArrayList<>();
        paths.forEach(path -> ds.add(docs.read(path.asText())));
        String title = p.path("title").asText("Comparing " + ds.size() + " documents");
        Specs.Builder b = Specs.surface(title).related("compare:" + slug(title));
        List<String> panes = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) panes.add("doc" + i);
        b.add(Specs.container("cols", "columns", panes).put("scrollGroup", "compare"));
        for (int i = 0; i < ds.size(); i++) {
            clay.canvas.factory.Document d = ds.get(i);
            ObjectNode pane = Specs.component("doc" + i, "diff").put("title", d.title()).put("annotatable", true);
            ArrayNode segs = pane.putArray("segments");
            List<TextDiff.Segment> diff = i == 0 ? List.of(new TextDiff.Segment(TextDiff.Op.SAME, d.text())) : TextDiff.words(ds.get(i - 1).text(), d.text());
            diff.forEach(s -> segs.addObject().put("op", s.opName()).put("text", s.text()));
            pane.putObject("document").put("path", d.path()).put("hash", d.key().hash());
            b.add(pane);
        }
        ObjectNode data = Specs.json().createObjectNode().put("kind", "comparison");
        ArrayNode ps = data.putArray("paths");
        ds.forEach(d -> ps.add(d.path()));
        return new SurfaceDraft(AnnotatedSpecs.attach(b.build(), notes), data);
    }

    SurfaceDraft form(JsonNode p) {
        String title = p.path("title").asText("Form");
        String intent = p.path("intent").asText("submit_form");
        JsonNode fields = p.path("fields");
        if (!fields.isArray() || fields.isEmpty()) throw new InvalidInputException("fill_form needs 'fields'", "List the fields: [{\"name\":\"email\",\"label\":\"Email\"}].");
        List<String> ids = new ArrayList<>();
        List<ObjectNode> comps = new ArrayList<>();
        int i = 0;
        for (JsonNode f : fields) {
            String id = "f" + i++;
            ids.add(id);
            String kind = f.path("type").asText("text");
            ObjectNode c = Specs.component(id, switch (kind) { case "date" -> "date"; case "choice" -> "choice"; default -> "textinput"; });
            c.put("name", f.path("name").asText(id)).put("label", f.path("label").asText(Rows.label(f.path("name").asText(id))));
            if (kind.equals("choice")) {
                ArrayNode opts = c.putArray("options");
                f.path("options").forEach(o -> opts.addObject().put("value", o.asText()).put("label", o.asText()));
            }
            comps.add(c);
        }
        ObjectNode form = Specs.container("form", "form", ids);
        form.putObject("submit").put("label", p.path("submit").asText("Submit")).putObject("action").put("intent", intent);
        Specs.Builder b = Specs.surface(title).add(form);
        comps.forEach(b::add);
        return new SurfaceDraft(b.build(), Specs.json().createObjectNode().put("kind", "form"));
    }

    SurfaceDraft weather(JsonNode p) {
        String location = p.path("location").asText("Here");
        ObjectNode data = Specs.json().createObjectNode().put("kind", "weather").put("location", location);
        data.set("days", p.path("days"));
        Rows rows = Rows.of(data).orElseThrow(() -> new InvalidInputException("show_weather needs 'days'", "Pass days like [{\"date\":\"2026-11-27\",\"summary\":\"rain\",\"high\":9,\"low\":3}]."));
        ObjectNode kv = Specs.component("days", "keyvalue");
        ArrayNode entries = kv.putArray("entries");
        for (JsonNode d : rows.rows()) {
            entries.addObject().put("key", d.path("date").asText()).put("value", d.path("summary").asText() + ", " + d.path("low").asText() + "–" + d.path("high").asText() + "°");
        }
        ObjectNode spec = Specs.surface("Weather · " + location).related("day-planning").add(kv).build();
        return new SurfaceDraft(spec, data);
    }

    SurfaceDraft calendar(JsonNode p) {
        ObjectNode data = Specs.json().createObjectNode().put("kind", "calendar");
        data.set("events", p.path("events"));
        Rows rows = Rows.of(data).orElseThrow(() -> new InvalidInputException("show_calendar needs 'events'", "Pass events like [{\"date\":\"2026-11-27\",\"time\":\"09:00\",\"title\":\"Standup\"}]."));
        ObjectNode l = Specs.component("events", "list");
        ArrayNode items = l.putArray("items");
        rows.rows().forEach(e -> items.add(e.path("date").asText() + " " + e.path("time").asText() + " — " + e.path("title").asText()));
        return new SurfaceDraft(Specs.surface("Calendar").related("day-planning").add(l).build(), data);
    }

    static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return out.isEmpty() ? "x" : out.substring(0, Math.min(40, out.length()));
    }
}
