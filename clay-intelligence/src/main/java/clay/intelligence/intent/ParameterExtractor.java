package clay.intelligence.intent;

import clay.intelligence.time.TimeExpressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based slot filling for the fast path: file names, people, topics, languages and relative time (resolved to a
 * concrete range by {@link TimeExpressions}). Only parameters the intent's schema declares are kept.
 */
public final class ParameterExtractor {
    private static final Pattern FILE = Pattern.compile(
            "(?<![\\w./~-])((?:~?/)?(?:[\\w.-]+/)*[\\w][\\w.-]*\\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|txt|md|csv|json|ya?ml|xml|html?|py|js|ts|java|rs|go|c|cpp|h|sh|ipynb|png|jpe?g|gif|svg|mp3|mp4|wav|zip|tar|gz|ics|eml))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("[\"“']([^\"”']{2,80})[\"”']");
    private static final Pattern PERSON_AFTER = Pattern.compile(
            "\\b(?:from|to|with|by|for|about|sent by|emailed by|call|text|email|message|meeting)\\s+([A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?)");
    private static final Pattern PERSON_SENT = Pattern.compile("\\b([A-Z][a-z]+)\\s+(?:sent|gave|shared|wrote|emailed|mentioned)\\b");
    private static final Pattern TOPIC = Pattern.compile(
            "\\b(?:about|on|regarding|concerning|related to|mentioning|mention)\\s+(?:the\\s+|my\\s+|our\\s+)?(.+?)(?=\\s+(?:from|in|into|to|for|last|this|next|since|before|after|yesterday|today|tomorrow|on\\s+\\w+day)\\b|[?.!,]|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LANGUAGE = Pattern.compile(
            "\\b(?:in|into|to)\\s+(english|french|german|spanish|italian|portuguese|dutch|polish|russian|japanese|chinese|korean|arabic|hindi|turkish|greek|swedish|danish|norwegian|finnish|czech|ukrainian)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_NAMES = Set.of("I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December", "Clay", "Today", "Yesterday", "Tomorrow", "The", "My", "Last", "Next", "This");

    private final TimeExpressions time;

    public ParameterExtractor(TimeExpressions time) {
        this.time = time;
    }

    /** Every parameter found in {@code text}, keyed by the catalog's parameter names. */
    public Map<String, Object> extractAll(String text) {
        Map<String, Object> p = new LinkedHashMap<>();
        Set<String> files = new LinkedHashSet<>();
        Matcher m = FILE.matcher(text);
        while (m.find()) files.add(m.group(1));
        if (!files.isEmpty()) p.put("file_names", List.copyOf(files));
        Set<String> people = new LinkedHashSet<>();
        for (Pattern pat : List.of(PERSON_AFTER, PERSON_SENT)) {
            m = pat.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                String first = name.split("\\s+")[0];
                if (!NOT_NAMES.contains(first) && !files.contains(name)) people.add(name);
            }
        }
        if (!people.isEmpty()) p.put("people", List.copyOf(people));
        List<TimeExpressions.Found> times = time.find(text);
        if (!times.isEmpty()) p.put("time_range", times.get(0).range().toParameter());
        m = LANGUAGE.matcher(text);
        if (m.find()) p.put("language", m.group(1).toLowerCase(Locale.ROOT));
        m = TOPIC.matcher(text);
        if (m.find()) {
            String topic = m.group(1).trim();
            if (!topic.isEmpty() && times.stream().noneMatch(f -> f.range().expression().equalsIgnoreCase(topic))) {
                p.put("topic", topic);
            }
        }
        m = QUOTED.matcher(text);
        if (m.find()) p.put("query", m.group(1));
        return p;
    }

    /** The parameters {@code def} declares, from {@code text}; a free-text query for search-like intents. */
    public Map<String, Object> extract(String text, IntentDefinition def) {
        Map<String, Object> all = extractAll(text);
        Set<String> declared = new LinkedHashSet<>();
        def.parameters().path("properties").fieldNames().forEachRemaining(declared::add);
        if (declared.contains("query") && !all.containsKey("query")) all.put("query", stripCommand(text));
        if (declared.contains("place") && !all.containsKey("place")) {
            Matcher m = Pattern.compile("\\bin\\s+([A-Za-z][\\w ]{1,40})$").matcher(text.replaceAll("[?.!]+$", "").trim());
            if (m.find() && time.find(m.group(1)).isEmpty()) all.put("place", m.group(1).trim());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : declared) if (all.containsKey(k)) out.put(k, all.get(k));
        return out;
    }

    private static String stripCommand(String text) {
        List<String> words = new ArrayList<>(List.of(text.replaceAll("[?.!]+$", "").trim().split("\\s+")));
        Set<String> verbs = Set.of("find", "search", "look", "for", "show", "me", "my", "locate", "where", "is", "are",
                "the", "open", "please", "can", "you", "files", "file", "documents", "document", "bring", "up", "pull");
        while (!words.isEmpty() && verbs.contains(words.get(0).toLowerCase(Locale.ROOT))) words.remove(0);
        return words.isEmpty() ? text : String.join(" ", words);
    }
}
