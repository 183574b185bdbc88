package clay.intelligence.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the special categories of personal data (GDPR article 9) said about someone: health, religion or belief, sex
 * life and sexual orientation, political opinion, trade-union membership, ethnic origin, genetic and biometric data.
 * A term of the lexicon below counts only in a sentence that is about a person (a personal pronoun, a relation such as
 * "my wife" or "the patient", or a known given name), so "what is diabetes?" stays a question about medicine while
 * "my diabetes is back" is health data. The term itself becomes the {@link DataClass#SPECIAL} span; what matters more
 * is that the request is then, by default, shown to the user before it leaves.
 */
final class SpecialCategoryDetector implements Detector {
    /** Lower-case terms by category (the category is for readers of this list; the class is one). */
    static final Map<String, List<String>> LEXICON = Map.of(
            "health", List.of("hiv", "hiv-positive", "cancer", "tumor", "tumour", "chemotherapy", "chemo", "radiotherapy",
                    "diabetes", "diabetic", "insulin", "depression", "depressive", "antidepressant", "antidepressants",
                    "anxiety disorder", "panic attacks", "bipolar", "schizophrenia", "schizophrenic", "adhd", "autism",
                    "autistic", "epilepsy", "epileptic", "dementia", "alzheimer's", "alzheimers", "parkinson's",
                    "multiple sclerosis", "pregnant", "pregnancy", "miscarriage", "abortion", "ivf", "infertility",
                    "infertile", "hepatitis", "std", "stds", "chlamydia", "syphilis", "herpes", "gonorrhea", "hpv",
                    "diagnosis", "diagnosed", "prognosis", "therapist", "psychiatrist", "psychotherapy", "rehab",
                    "addiction", "alcoholism", "alcoholic", "overdose", "methadone", "ptsd", "ocd", "anorexia", "bulimia",
                    "eating disorder", "disability", "wheelchair", "surgery", "transplant", "dialysis", "heart attack",
                    "hypertension", "medication", "prescription", "mental health", "suicidal", "self-harm", "biopsy",
                    "mammogram", "chronic illness", "tested positive", "long covid"),
            "religion", List.of("muslim", "christian", "catholic", "protestant", "evangelical", "jewish", "jew", "hindu",
                    "buddhist", "sikh", "atheist", "agnostic", "mormon", "jehovah's witness", "jehovah's witnesses",
                    "baptized", "baptised", "church", "mosque", "synagogue", "ramadan", "kosher", "halal", "bar mitzvah",
                    "bat mitzvah", "quran", "koran", "bible study", "prayer group"),
            "sexual orientation", List.of("gay", "lesbian", "bisexual", "homosexual", "queer", "transgender", "trans woman",
                    "trans man", "non-binary", "nonbinary", "came out", "coming out", "asexual", "pansexual", "lgbt",
                    "lgbtq", "lgbtqia", "same-sex partner", "sexual orientation"),
            "politics", List.of("democrat", "democrats", "republican", "republicans", "labour party", "conservative party",
                    "tory", "tories", "green party", "afd", "spd", "cdu", "csu", "fdp", "die linke", "liberal democrats",
                    "socialist", "communist", "libertarian", "voted for", "vote for", "party member", "party membership",
                    "political views", "far-right", "far-left"),
            "union", List.of("trade union", "labor union", "labour union", "union member", "union membership", "union rep",
                    "union representative", "shop steward", "unionized", "unionised", "union dues", "joined the union",
                    "ig metall", "teamsters"),
            "ethnicity", List.of("ethnicity", "ethnic origin", "hispanic", "latino", "latina", "latinx", "african american",
                    "romani", "sinti", "aboriginal", "indigenous", "first nations", "native american", "racial background",
                    "mixed race"),
            "biometric", List.of("fingerprint", "fingerprints", "iris scan", "retina scan", "facial recognition",
                    "face scan", "dna test", "genetic test", "genetic testing", "genome", "brca", "brca1", "brca2",
                    "biometric", "biometrics"));

    private static final Pattern TERMS = terms();
    /** "AIDS" the illness, not "aids" the verb. */
    private static final Pattern CASED = Pattern.compile("(?<![\\p{L}\\p{N}])AIDS(?![\\p{L}\\p{N}])");
    private static final Pattern ABOUT_SOMEONE = Pattern.compile("(?i)(?<![\\p{L}'])(?:i|i'm|i've|i'd|i'll|me|my|mine|myself|"
            + "we|our|us|he|she|him|her|his|hers|they|them|their|you|your|wife|husband|son|daughter|mother|father|mom|mum|"
            + "dad|sister|brother|partner|friend|colleague|boss|patient|client|employee|neighbou?r|child|kid|baby|"
            + "girlfriend|boyfriend|fianc[ée]e?|grandma|grandpa|grandmother|grandfather|aunt|uncle|cousin|tenant|"
            + "student|coworker|teammate)(?![\\p{L}'])");
    private static final Pattern PREVIOUS_WORD = Pattern.compile("(\\p{Lu}[\\p{L}'’]*)\\s+$");
    private static final java.util.Set<String> SENTENCE_STARTERS = java.util.Set.of("my", "our", "his", "her", "their",
            "your", "the", "a", "an", "i", "we", "he", "she", "they", "you", "as", "at", "in", "on", "to", "for", "from",
            "is", "was", "being", "not", "and", "but", "also", "with");
    private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}])\\p{Lu}\\p{Ll}+");

    @Override
    public List<Span> detect(String text) {
        List<Span> out = new ArrayList<>();
        for (Pattern p : new Pattern[] {TERMS, CASED}) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (!partOfAName(text, m.start()) && aboutSomeone(text, m.start(), m.end())) {
                    out.add(Span.of(text, m.start(), m.end(), DataClass.SPECIAL));
                }
            }
        }
        return out;
    }

    /** A capitalised term right after a capitalised word names a place or body ("St. Mary's Church"), not a belief. */
    private static boolean partOfAName(String text, int start) {
        if (!Character.isUpperCase(text.charAt(start))) return false;
        Matcher m = PREVIOUS_WORD.matcher(text.substring(Math.max(0, start - 40), start));
        return m.find() && !SENTENCE_STARTERS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT));
    }

    /** The sentence around {@code [start, end)} refers to a person. */
    private static boolean aboutSomeone(String text, int start, int end) {
        int from = start, to = end;
        while (from > 0 && ".!?\n".indexOf(text.charAt(from - 1)) < 0) from--;
        while (to < text.length() && ".!?\n".indexOf(text.charAt(to)) < 0) to++;
        String sentence = text.substring(from, start) + " " + text.substring(end, to);
        if (ABOUT_SOMEONE.matcher(sentence).find()) return true;
        Matcher names = CAPITALISED.matcher(sentence);
        while (names.find()) {
            String w = names.group().toLowerCase(java.util.Locale.ROOT);
            if (Lexicon.unambiguousName(w)) return true;
        }
        return false;
    }

    private static Pattern terms() {
        List<String> all = new ArrayList<>();
        LEXICON.values().forEach(all::addAll);
        all.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder b = new StringBuilder("(?iu)(?<![\\p{L}\\p{N}])(?:");
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) b.append('|');
            b.append(Pattern.quote(all.get(i)).replace(" ", "\\E[\\s-]+\\Q").replace("'", "\\E['’]\\Q"));
        }
        return Pattern.compile(b.append(")(?![\\p{L}\\p{N}])").toString());
    }
}
