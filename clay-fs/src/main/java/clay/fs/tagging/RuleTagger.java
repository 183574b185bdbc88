package clay.fs.tagging;

import clay.fs.extract.Extraction;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic tagger: type by extension, MIME type and structure; tags by keyword frequency; entities, dates,
 * identifiers and references by pattern. Same input, same output, no model needed.
 */
public final class RuleTagger {
    private static final Set<String> CODE_EXT = Set.of("java", "py", "js", "ts", "c", "h", "cpp", "hpp", "cc", "rs", "go",
            "rb", "sh", "kt", "scala", "cs", "php", "swift", "sql", "lua", "pl", "r", "jsx", "tsx", "gradle", "mjs");
    private static final Set<String> STOP = Set.of(("a an and are as at be been but by can could did do does for from had has have"
            + " he her here him his how i if in into is it its just me more most my no not of on or our out over she so some such"
            + " than that the their them then there these they this those through to too under up us very was we were what when"
            + " where which while who whom why will with would you your yours also any all each other only own same should about"
            + " after again against before below between both during few further once off above down being having itself myself"
            + " ourselves themselves yourself dear regards sincerely please thank thanks page new one two may use used using"
            + " return public private static void final class import package string int true false null else").split(" "));
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'-]{2,}");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern URL = Pattern.compile("https?://[^\\s)>\"']+");
    private static final Pattern MONEY = Pattern.compile("[$€£]\\s?\\d[\\d,]*(\\.\\d{2})?|\\b\\d[\\d,]*(\\.\\d{2})?\\s?(EUR|USD|GBP|CHF)\\b");
    private static final Pattern ORG = Pattern.compile("\\b((?:[A-Z][\\w&]+\\s){0,3}[A-Z][\\w&]+,?\\s(?:Inc|Ltd|LLC|GmbH|AG|Corp|Corporation|Company|Co\\.|SA|plc)\\b\\.?)");
    private static final Pattern PERSON = Pattern.compile("(?:(?:Mr|Mrs|Ms|Dr|Prof)\\.?\\s)([A-Z][a-z]+(?:\\s[A-Z][a-z]+)?)"
            + "|(?:Dear|From:|To:|Sincerely,?\\s*\\n?|Regards,?\\s*\\n?)\\s*([A-Z][a-z]+\\s[A-Z][a-z]+)");
    private static final Pattern LABELLED_ID = Pattern.compile(
            "(?i)\\b(?:invoice|bill|account|order|reference|ref|policy|customer|contract|case|ticket)\\s*(?:no\\.?|number|num|#|id)?\\s*[:#]?\\s*([A-Z0-9][A-Z0-9/-]{3,})");
    private static final Pattern CODED_ID = Pattern.compile("\\b([A-Z]{2,6}-\\d{3,}(?:-\\d+)*)\\b");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern NAMED_DATE = Pattern.compile(
            "(?i)\\b(?:(\\d{1,2})\\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?,?\\s+)?(\\d{4})\\b");
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)|href=\"([^\"]+)\"");
    private static final Pattern FILE_NAME = Pattern.compile(
            "\\b([\\w-]+(?:\\.[\\w-]+)*\\.(?:md|txt|pdf|docx?|odt|xlsx?|ods|csv|pptx?|html?|java|py|js|ts|json|ya?ml|eml|png|jpe?g))\\b");

    public Tagging tag(Extraction ex, String fileName) {
        String text = ex.text();
        String ext = extension(fileName);
        String type = type(ex, ext, text);
        List<Tagging.Fact> entities = entities(text);
        return new Tagging(summary(ex, text, fileName), type, keywords(text, ex.title()), entities, dates(text),
                identifiers(text), references(text, fileName), "rules");
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String type(Extraction ex, String ext, String text) {
        String mime = ex.mime();
        if (CODE_EXT.contains(ext) || mime.contains("java-source") || mime.contains("x-python") || mime.contains("x-c")
                && mime.contains("src")) return "code";
        if (ext.equals("eml") || mime.startsWith("message/")) return "email";
        if (mime.startsWith("image/")) return "image";
        if (mime.startsWith("audio/")) return "audio";
        if (mime.startsWith("video/")) return "video";
        if (mime.contains("zip") || mime.contains("tar") || mime.contains("gzip") || mime.contains("x-7z")) {
            if (!mime.contains("officedocument") && !mime.contains("opendocument")) return "archive";
        }
        if (mime.contains("spreadsheet") || mime.contains("ms-excel") || ext.equals("csv")) return "spreadsheet";
        if (mime.contains("presentation") || mime.contains("powerpoint")) return "presentation";
        String t = text.toLowerCase(Locale.ROOT);
        Map<String, Integer> score = new HashMap<>();
        score.merge("invoice", hits(t, "invoice") * 3 + hits(t, "vat", "qty", "quantity", "unit price", "subtotal", "bill to"), Integer::sum);
        score.merge("bill", hits(t, "amount due", "due date", "account number", "billing period", "payment due", "utility",
                "electricity", "meter", "statement", "bill number", "your bill", "this bill") * 2 + hits(t, "bill") , Integer::sum);
        score.merge("receipt", hits(t, "receipt") * 3 + hits(t, "thank you for your purchase", "paid with", "change due"), Integer::sum);
        score.merge("letter", (t.startsWith("dear") || t.contains("\ndear ") ? 3 : 0)
                + hits(t, "sincerely", "yours faithfully", "kind regards", "best regards", "yours truly") * 2, Integer::sum);
        score.merge("contract", hits(t, "agreement", "hereinafter", "the parties", "terms and conditions", "shall") , Integer::sum);
        score.merge("recipe", hits(t, "ingredients", "preheat", "tbsp", "tsp", "tablespoon", "bake") * 2, Integer::sum);
        score.merge("report", hits(t, "abstract", "introduction", "conclusion", "results", "methodology", "findings"), Integer::sum);
        int bullets = count(text, "(?m)^\\s*([-*+]|\\d+\\.)\\s");
        score.merge("notes", (ext.equals("md") ? 2 : 0) + hits(t, "notes", "todo", "to do", "meeting", "agenda") * 2
                + Math.min(4, bullets / 2), Integer::sum);
        var best = score.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).orElseThrow();
        return best.getValue() >= 3 ? best.getKey() : "document";
    }

    private static int hits(String lower, String... words) {
        int n = 0;
        for (String w : words) {
            int at = 0;
            while ((at = lower.indexOf(w, at)) >= 0) {
                boolean start = at == 0 || !Character.isLetter(lower.charAt(at - 1));
                int end = at + w.length();
                boolean stop = end >= lower.length() || !Character.isLetter(lower.charAt(end));
                if (start && stop) n++;
                at = end;
            }
        }
        return Math.min(n, 6);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    static String summary(Extraction ex, String text, String fileName) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.replaceAll("^[#>*\\-\\s]+", "").strip();
            if (l.length() < 3) continue;
            if (!out.isEmpty()) out.append(' ');
            out.append(l);
            if (out.length() > 160) break;
        }
        String s = out.toString();
        if (s.isEmpty()) return ex.title().isEmpty() ? fileName + " (" + ex.mime() + ")" : ex.title();
        if (s.length() > 220) s = s.substring(0, 220).replaceAll("\\s+\\S*$", "") + "…";
        return s;
    }

    static List<String> keywords(String text, String title) {
        Map<String, Integer> tf = new HashMap<>();
        Matcher m = WORD.matcher(title + "\n" + title + "\n" + text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT).replaceAll("^'|'$", "");
            if (w.length() < 4 || STOP.contains(w)) continue;
            tf.merge(w, 1, Integer::sum);
        }
        return tf.entrySet().stream().filter(e -> e.getValue() >= 2 || tf.size() < 20)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(6).map(Map.Entry::getKey).toList();
    }

    static List<Tagging.Fact> entities(String text) {
        Set<Tagging.Fact> out = new LinkedHashSet<>();
        find(EMAIL, text, 0).forEach(v -> out.add(new Tagging.Fact("email", v)));
        find(URL, text, 0).forEach(v -> out.add(new Tagging.Fact("url", v)));
        find(MONEY, text, 0).forEach(v -> out.add(new Tagging.Fact("money", v.strip())));
        find(ORG, text, 1).forEach(v -> out.add(new Tagging.Fact("org", v.strip().replaceAll(",$", ""))));
        Matcher p = PERSON.matcher(text);
        while (p.find() && out.size() < 60) {
            String name = p.group(1) != null ? p.group(1) : p.group(2);
            if (name != null) out.add(new Tagging.Fact("person", name.strip()));
        }
        return out.stream().limit(40).toList();
    }

    static List<String> identifiers(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = LABELLED_ID.matcher(text);
        while (m.find()) {
            String id = m.group(1).toUpperCase(Locale.ROOT).replaceAll("[/-]+$", "");
            if (id.chars().anyMatch(Character::isDigit) && id.length() >= 4) out.add(id);
        }
        find(CODED_ID, text, 1).forEach(out::add);
        return out.stream().limit(30).toList();
    }

    static List<String> dates(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher iso = ISO_DATE.matcher(text);
        while (iso.find()) add(out, Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
        Matcher named = NAMED_DATE.matcher(text);
        while (named.find()) {
            String day = named.group(1) != null ? named.group(1) : named.group(3);
            if (day == null) continue;
            add(out, Integer.parseInt(named.group(4)), month(named.group(2)), Integer.parseInt(day));
        }
        return out.stream().limit(30).toList();
    }

    private static int month(String prefix) {
        for (Month m : Month.values()) {
            if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT).substring(0, 3))) {
                return m.getValue();
            }
        }
        return 1;
    }

    private static void add(Set<String> out, int y, int m, int d) {
        try {
            out.add(LocalDate.of(y, m, d).toString());
        } catch (java.time.DateTimeException ignored) {
            // not a real date ("2026-13-45"): not a date
        }
    }

    static List<String> references(String text, String self) {
        Set<String> out = new LinkedHashSet<>();
        Matcher l = MD_LINK.matcher(text);
        while (l.find()) {
            String target = l.group(1) != null ? l.group(1) : l.group(2);
            if (target.startsWith("http") || target.startsWith("#") || target.startsWith("mailto:")) continue;
            out.add(target.substring(target.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
        }
        find(FILE_NAME, text, 1).forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        out.remove(self.toLowerCase(Locale.ROOT));
        return out.stream().limit(50).toList();
    }

    private static List<String> find(Pattern p, String text, int group) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find() && out.size() < 30) out.add(m.group(group));
        return out;
    }
}
