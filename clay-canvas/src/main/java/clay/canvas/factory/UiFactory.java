package clay.canvas.factory;

import clay.canvas.annotate.AnnotationStore;
import clay.canvas.spec.SurfaceValidator;
import clay.canvas.spec.Specs;
import clay.core.ClayException;
import clay.core.Intent;
import clay.core.InvalidInputException;
import clay.intelligence.model.ModelProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The UI factory: intent plus data to a valid surface spec. Common intents go through templates (milliseconds, no
 * model); anything else goes to the model, constrained to the surface schema, and is repaired or refused. Every draft
 * it returns has passed {@link SurfaceValidator}.
 *
 * <pre>{@code
 * UiFactory f = UiFactory.create(DocumentSource.files(), JsonAnnotationStore.open(home));
 * SurfaceDraft d = f.build(Intent.of("compare_documents", Map.of("paths", List.of(a, b, c)), 1.0));
 * }</pre>
 */
public final class UiFactory {
    /** Presentations {@link #transform} can produce from tabular data. */
    public static final Set<String> PRESENTATIONS = Set.of("table", "chart", "bar", "line", "point", "list");

    private final Templates templates;
    private final Optional<ModelSpecGenerator> model;

    private UiFactory(Templates templates, Optional<ModelSpecGenerator> model) {
        this.templates = templates;
        this.model = model;
    }

    public static UiFactory create(DocumentSource docs, AnnotationStore notes) {
        return new UiFactory(new Templates(docs, notes), Optional.empty());
    }

    /** A factory that asks {@code provider} for surfaces no template covers. */
    public UiFactory withModel(ModelProvider provider) {
        return new UiFactory(templates, Optional.of(new ModelSpecGenerator(provider)));
    }

    public Set<String> templateIntents() {
        return Templates.INTENTS;
    }

    public SurfaceDraft build(Intent intent) {
        return build(intent.name(), Specs.json().valueToTree(intent.parameters()), describe(intent));
    }

    /** Builds from an intent name and its parameters (JSON); {@code request} is the user's words for the model path. */
    public SurfaceDraft build(String intent, JsonNode parameters, String request) {
        JsonNode p = parameters == null || parameters.isNull() ? Specs.json().createObjectNode() : parameters;
        if (Templates.INTENTS.contains(intent)) return checked(templates.build(intent, p));
        ModelSpecGenerator gen = model.orElseThrow(() -> new ClayException("no template shows '" + intent + "' and no model is configured to design one",
                "Configure a model (clay models list) or ask for a table, chart, form, file or comparison."));
        return checked(new SurfaceDraft(gen.generate(request, p), p));
    }

    /** The same data, presented differently ({@link #PRESENTATIONS}). */
    public SurfaceDraft transform(SurfaceDraft current, String presentation) {
        Rows rows = Rows.of(current.data()).orElseThrow(() -> new InvalidInputException(
                "this surface has no tabular data to present differently", "Transform works on tables, charts, weather and calendar surfaces."));
        String title = current.spec().path("title").asText("Data");
        return checked(switch (presentation) {
            case "table" -> templates.table(title, rows);
            case "chart", "bar" -> templates.chart(title, rows, "bar");
            case "line", "point" -> templates.chart(title, rows, presentation);
            case "list" -> templates.list(title, rows);
            default -> throw new InvalidInputException("unknown presentation '" + presentation + "'", "Use one of " + PRESENTATIONS + ".");
        });
    }

    /**
     * One surface from two: weather and calendar become a day plan (each event with its day's forecast), two tables
     * become one, and anything else is shown side by side in one surface.
     */
    public SurfaceDraft merge(SurfaceDraft a, SurfaceDraft b) {
        Set<String> kinds = new java.util.HashSet<>(java.util.List.of(a.dataKind(), b.dataKind()));
        if (kinds.equals(Set.of("weather", "calendar"))) {
            return checked(dayPlan(a.dataKind().equals("weather") ? a : b, a.dataKind().equals("weather") ? b : a));
        }
        Optional<Rows> ra = Rows.of(a.data()), rb = Rows.of(b.data());
        String title = a.spec().path("title").asText() + " + " + b.spec().path("title").asText();
        if (ra.isPresent() && rb.isPresent()) {
            ArrayNode all = Specs.json().createArrayNode();
            ra.get().rows().forEach(r -> all.add(((ObjectNode) r.deepCopy()).put("source", a.spec().path("title").asText())));
            rb.get().rows().forEach(r -> all.add(((ObjectNode) r.deepCopy()).put("source", b.spec().path("title").asText())));
            return checked(templates.table(truncate(title), Rows.from(all, ra.get().x(), ra.get().y()).orElseThrow()));
        }
        return checked(sideBySide(truncate(title), a, b));
    }

    private SurfaceDraft dayPlan(SurfaceDraft weather, SurfaceDraft calendar) {
        Map<String, JsonNode> byDate = new HashMap<>();
        weather.data().path("days").forEach(d -> byDate.put(d.path("date").asText(), d));
        ArrayNode rows = Specs.json().createArrayNode();
        for (JsonNode e : calendar.data().path("events")) {
            JsonNode day = byDate.get(e.path("date").asText());
            ObjectNode r = rows.addObject().put("date", e.path("date").asText()).put("time", e.path("time").asText()).put("event", e.path("title").asText());
            r.put("forecast", day == null ? "no forecast" : day.path("summary").asText() + ", " + day.path("low").asText() + "–" + day.path("high").asText() + "°");
        }
        if (rows.isEmpty()) throw new InvalidInputException("the calendar has no events to plan around", "Add events, then merge again.");
        SurfaceDraft t = templates.table("Day plan · " + weather.data().path("location").asText("here"), Rows.from(rows, "date", null).orElseThrow());
        ObjectNode data = (ObjectNode) t.data();
        data.put("kind", "agenda");
        t.spec().withArray("related").add("day-planning");
        return t;
    }

    private static SurfaceDraft sideBySide(String title, SurfaceDraft a, SurfaceDraft b) {
        Specs.Builder out = Specs.surface(title);
        out.add(Specs.container("merged", "row", java.util.List.of("a_" + rootOf(a.spec()), "b_" + rootOf(b.spec()))));
        copyComponents(a.spec(), "a_", out);
        copyComponents(b.spec(), "b_", out);
        ObjectNode data = Specs.json().createObjectNode().put("kind", "merged");
        data.putArray("parts").add(a.data()).add(b.data());
        return new SurfaceDraft(out.build(), data);
    }

    private static String rootOf(ObjectNode spec) {
        return spec.has("root") ? spec.get("root").asText() : spec.path("components").get(0).path("id").asText();
    }

    private static void copyComponents(ObjectNode spec, String prefix, Specs.Builder out) {
        if (!spec.path("kind").asText().equals("components")) throw new InvalidInputException("html surfaces cannot be merged", "Merge surfaces made of components.");
        for (JsonNode c : spec.path("components")) {
            ObjectNode copy = c.deepCopy();
            copy.put("id", prefix + c.get("id").asText());
            if (c.has("children")) {
                ArrayNode ch = copy.putArray("children");
                c.get("children").forEach(x -> ch.add(prefix + x.asText()));
            }
            out.add(copy);
        }
    }

    private static String truncate(String title) {
        return title.length() <= 200 ? title : title.substring(0, 199) + "…";
    }

    private static SurfaceDraft checked(SurfaceDraft d) {
        SurfaceValidator.shared().validate(d.spec());
        return d;
    }

    private static String describe(Intent intent) {
        Object text = intent.context().get("text");
        return text != null ? text.toString() : intent.name().replace('_', ' ');
    }
}
