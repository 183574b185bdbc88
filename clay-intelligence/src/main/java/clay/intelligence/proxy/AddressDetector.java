package clay.intelligence.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postal addresses: "221B Baker Street, London NW1 6XE", "1600 Pennsylvania Ave NW, Washington, DC 20500",
 * "Hauptstraße 5, 10115 Berlin", "12 rue de la Paix, 75002 Paris", "Via Roma 10", PO boxes and UK postcodes. A match
 * is extended over a following unit, city, state and postcode so the whole address leaves as one placeholder.
 */
final class AddressDetector implements Detector {
    private static final String WORD = "[\\p{Lu}][\\p{L}\\p{M}'’.-]*";
    private static final String CITY = "[\\p{Lu}][\\p{Ll}\\p{M}'’.-]+";
    private static final String STREET_TYPES = "Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|"
            + "Place|Pl|Terrace|Ter|Close|Crescent|Cres|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Trl|Row|"
            + "Gardens|Grove|Hill|Mews|Walk|Park|Green|Rise|View|Heights|Path|Pike|Alley|Loop|Run|Crossing|Point|Quay|Wharf";
    private static final Pattern ANGLO = Pattern.compile(
            "\\b\\d{1,5}[A-Za-z]?(?:[-–]\\d{1,5})?,?\\s+(?:[NSEW]\\.?\\s+)?(?:" + WORD + "\\s+){0,4}(?:" + STREET_TYPES + ")\\b\\.?"
                    + "(?:\\s+(?:NW|NE|SW|SE|N|S|E|W|North|South|East|West)\\b)?");
    private static final Pattern UNIT_BEFORE = Pattern.compile(
            "(?i)(?:flat|apt\\.?|apartment|unit|suite|ste\\.?|room|floor|building|bldg\\.?)\\s*#?(?:[\\w-]{0,4}\\d[\\w-]{0,4}|[a-z]),?\\s*$");
    private static final Pattern CONTINENTAL = Pattern.compile(
            "\\b(?:[\\p{Lu}][\\p{L}-]*(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|steig|pfad|gracht|straat|laan|"
                    + "plein|kade|vej|gade|gatan|vägen|veien|gata|utca|ulica)"
                    + "|(?:Via|Viale|Piazza|Corso|Calle|Avenida|Av\\.|Plaza|Paseo|Rua|Travessa|Largo|Carrer|Ulica|ul\\.|Aleja)"
                    + "\\s+(?:[\\p{L}'’.-]+\\s+){0,3}?[\\p{L}'’.-]+)\\s*,?\\s*\\d{1,4}[a-zA-Z]?(?:[/-]\\d{1,4})?\\b");
    private static final Pattern FRENCH = Pattern.compile(
            "(?i)\\b\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai|cours|route)"
                    + "\\s+(?:[\\p{L}'’-]+\\s?){1,5}");
    private static final Pattern PO_BOX = Pattern.compile("(?i)\\b(?:P\\.?\\s?O\\.?\\s?Box|Postfach|Apartado|Boîte postale)\\s+\\d+");
    private static final Pattern UK_POSTCODE = Pattern.compile("\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}\\b");
    private static final Pattern TAIL = Pattern.compile(
            "^(?:,?\\s*(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat|Floor|Fl\\.?|Room|#)\\s*[\\w-]+)?"
                    + "(?:,?\\s*(?:\\d{4,5}(?:-\\d{4})?\\s+|[A-Z]{1,2}-?\\d{4,5}\\s+|\\d{4}\\s?[A-Z]{2}\\s+|\\d{4}-\\d{3}\\s+|\\d{2}-\\d{3}\\s+)?" + CITY + "(?:\\s+" + CITY + "){0,2})?"
                    + "(?:,?\\s*(?:[A-Z]{2}|[A-Z][a-z]+)?\\s*(?:\\d{5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}|[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d|\\d{4,5}))?");

    private static final java.util.Set<String> CLAUSE = java.util.Set.of("the", "i", "we", "you", "he", "she", "they",
            "it", "please", "thanks", "thank", "and", "but", "so", "then", "if", "when", "my", "our", "his", "her", "their",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "can", "could", "would", "will",
            "is", "was", "are", "this", "that", "there", "also", "tomorrow", "today", "call", "send", "ask", "let");

    @Override
    public List<Span> detect(String text) {
        List<Span> out = new ArrayList<>();
        for (Pattern p : new Pattern[] {ANGLO, CONTINENTAL, FRENCH, PO_BOX}) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                int end = extend(text, m.end());
                while (end > m.start() && " ,.".indexOf(text.charAt(end - 1)) >= 0) end--;
                int start = m.start();
                Matcher unit = UNIT_BEFORE.matcher(text.substring(Math.max(0, start - 24), start));
                if (unit.find()) start = Math.max(0, start - 24) + unit.start();
                out.add(Span.of(text, start, end, DataClass.ADDRESS));
            }
        }
        Matcher m = UK_POSTCODE.matcher(text);
        while (m.find()) out.add(Span.of(text, m.start(), m.end(), DataClass.ADDRESS));
        return out;
    }

    /** Extends over ", Apt 4B, Springfield, IL 62704" but stops at words that start a new clause. */
    private static int extend(String text, int end) {
        Matcher t = TAIL.matcher(text.substring(end));
        if (!t.find() || t.end() == 0) return end;
        String tail = t.group();
        // a tail that is only capitalised words without a comma is probably the next sentence ("... Street Tomorrow")
        if (!tail.startsWith(",") && !tail.matches("(?s).*\\d.*")) return end;
        String[] words = tail.split("[\\s,]+");
        for (String w : words) {
            if (!w.isEmpty() && CLAUSE.contains(w.toLowerCase(java.util.Locale.ROOT))) {
                int cut = tail.indexOf(w);
                return end + cut;
            }
        }
        return end + tail.length();
    }
}
