package clay.fs.find;

import clay.fs.tagging.DocTypes;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a find query into constraints: a time expression (through the {@link TimeResolver}), an activity ("working
 * on" = edited, "opened"/"looked at" = opened, "got"/"received" = created), a document type word, and the words that
 * remain to be matched. Deterministic and fast; no model involved.
 */
public final class QueryReader {
    private static final Pattern EDITED = Pattern.compile(
            "\\b(?:was |were |i'?ve been |been )?(working on|worked on|work on|editing|edited|changing|changed|modified|writing|wrote|drafting|drafted|updated|updating)\\b");
    private static final Pattern OPENED = Pattern.compile(
            "\\b(?:was |were )?(opened|viewed|looking at|looked at|reading|read|saw|seen)\\b");
    private static final Pattern CREATED = Pattern.compile(
            "\\b(?:was |were )?(created|added|saved|received|downloaded|got|made|generated|scanned)\\b");
    private static final Set<String> FILLER = Set.of(("that the a an i me my mine was were is are be been this these those which"
            + " what where find show get give open look for some any file files document documents doc docs thing stuff one"
            + " on in at from of about with please can you could help need want we us our did do").split(" "));

    /** Words after which nouns name the topic, not the kind of file ("scripts about invoices"). */
    private static final Set<String> TOPIC = Set.of("about", "regarding", "concerning", "mentioning", "re", "on", "for", "with");

    private final TimeResolver time;

    public QueryReader(TimeResolver time) {
        this.time = time;
    }

    public QueryReading read(String query, ZonedDateTime now) {
        List<String> notes = new ArrayList<>();
        String rest = " " + query.toLowerCase(Locale.ROOT).replaceAll("[\"“”?!,]", " ") + " ";
        Set<String> activity = new LinkedHashSet<>();
        Matcher m;
        if ((m = EDITED.matcher(rest)).find()) {
            activity.add("edited");
            activity.add("created");
            rest = rest.replace(m.group(), " ");
            notes.add("activity: \"" + m.group(1) + "\" = files you created or edited");
        }
        if ((m = OPENED.matcher(rest)).find()) {
            activity.add("opened");
            rest = rest.replace(m.group(), " ");
            notes.add("activity: \"" + m.group(1) + "\" = files you opened");
        }
        if ((m = CREATED.matcher(rest)).find()) {
            activity.add("created");
            rest = rest.replace(m.group(), " ");
            notes.add("activity: \"" + m.group(1) + "\" = files that arrived");
        }
        Optional<TimeSpan> when = time.resolve(rest, now);
        if (when.isPresent()) {
            rest = rest.replace(when.get().matched(), " ");
            notes.add("time: " + when.get().phrase());
        }
        if (activity.isEmpty() && when.isPresent()) {
            activity.addAll(List.of("created", "edited", "opened"));
            notes.add("activity: none named, so any activity (created, edited, opened) in that time counts");
        }
        Optional<String> type = Optional.empty();
        List<String> words = new ArrayList<>();
        boolean topic = false;
        for (String w : rest.strip().split("\\s+")) {
            if (w.isEmpty()) continue;
            if (TOPIC.contains(w)) topic = true;
            String t = DocTypes.WORDS.get(w);
            if (type.isEmpty() && t != null && !topic) {
                type = Optional.of(t);
                notes.add("type: \"" + w + "\" = document type " + t);
                continue;
            }
            if (!FILLER.contains(w)) words.add(w);
        }
        String text = String.join(" ", words);
        notes.add(text.isEmpty() ? "text: nothing left to match; ranking by the filters and recency"
                : "text: \"" + text + "\" (matched by terms with BM25 and by meaning with vectors)");
        return new QueryReading(query, text, type, when, activity, notes);
    }
}
