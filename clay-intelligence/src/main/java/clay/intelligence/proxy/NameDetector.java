package clay.intelligence.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds people's names with a gazetteer of given and family names from many languages plus the evidence a reader
 * uses: capitalisation, position in the sentence, a title or greeting before ("Dr", "Dear", "From:"), a relation
 * before ("my colleague", "meet with") and a verb after ("said", "wrote"). Unknown capitalised words count as names
 * only with such evidence, so places and products mostly stay as they are.
 */
final class NameDetector implements Detector {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’-]*");
    static final Set<String> TITLES = words("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir",
            "dame", "lady", "lord", "rev", "reverend", "judge", "senator", "sen", "rep", "representative", "councillor",
            "councilor", "officer", "detective", "nurse", "uncle", "aunt", "auntie", "grandma", "grandpa", "herr", "frau",
            "señor", "señora", "sra", "sr", "monsieur", "madame", "mme", "mlle", "signor", "signora", "dott", "ing",
            "captain", "capt", "sgt", "sergeant", "father", "sister", "brother", "coach", "president", "mayor", "governor",
            "minister", "doctor", "mister", "madam", "baron", "count", "king", "queen", "prince", "princess", "pastor", "imam",
            "rabbi", "chairman", "chairwoman", "agent", "inspector", "attorney", "ceo", "cfo", "cto", "jr");
    private static final Set<String> GREETINGS = words("dear", "hi", "hello", "hey", "thanks", "thank", "cheers",
            "regards", "best", "love", "sincerely", "yours", "greetings", "bye", "congratulations", "congrats", "welcome",
            "morning", "evening", "afternoon", "night", "ciao", "hallo", "hola", "bonjour", "wishes", "xoxo", "warmly");
    private static final Set<String> LABELS = words("from", "to", "cc", "bcc", "name", "signed", "patient", "client",
            "attn", "attention", "contact", "author", "tenant", "applicant", "employee", "by", "customer", "recipient",
            "sender", "owner", "guest", "student", "candidate", "member", "beneficiary", "passenger", "user", "holder");
    private static final Set<String> RELATIONS = words("with", "to", "from", "for", "and", "by", "cc", "ask", "asked",
            "tell", "told", "call", "called", "email", "emailed", "meet", "met", "invite", "invited", "visit", "visited",
            "text", "texted", "remind", "thank", "thanked", "ping", "see", "saw", "contact", "sister", "brother", "wife",
            "husband", "son", "daughter", "mother", "father", "mom", "mum", "dad", "friend", "colleague", "boss", "manager",
            "client", "patient", "neighbor", "neighbour", "partner", "landlord", "tenant", "doctor", "lawyer", "teacher",
            "constituent", "cousin", "nephew", "niece", "uncle", "aunt", "grandmother", "grandfather", "grandma", "grandpa",
            "assistant", "coworker", "co-worker", "roommate", "fiancé", "fiance", "fiancée", "girlfriend", "boyfriend",
            "named", "about", "cc'd", "or", "hired", "fired", "interview", "interviewed", "pay", "paid", "owe", "owes",
            "like", "than", "dear", "sign", "signed", "baby", "kid", "child", "student", "employee", "intern", "landlady",
            "nanny", "therapist", "dentist", "plumber", "vet", "mentor", "supervisor", "director", "editor", "reporter",
            "am", "i'm", "is", "was", "regarding", "re", "via", "let", "help", "message", "messaged", "dm", "forward",
            "forwarded", "reply", "replied", "introduce", "introduced", "congratulate", "whom", "whose", "against", "send", "sent", "give", "gave", "bring", "show", "book", "pick", "drive", "drove", "join", "joined",
            "hug", "kiss", "love", "miss", "congratulated", "update", "brief", "briefed", "inform", "informed", "warn");
    private static final Set<String> STRONG_VERBS = words("said", "says", "told", "tells", "asked", "asks", "wrote",
            "writes", "replied", "emailed", "texted", "mentioned", "thinks", "agreed", "signed", "lives", "prefers",
            "suggested", "called", "phoned", "complained", "explained", "promised", "recommended", "insisted", "argued",
            "confirmed", "replies", "wants", "needs", "sent", "sends", "cancelled", "canceled", "booked", "paid", "owes",
            "works", "worked", "retired", "moved", "married", "died", "passed", "joined", "left", "arrived", "visited",
            "forgot", "remembered", "noticed", "shared", "approved", "declined", "accepted", "invited", "requested");
    private static final Set<String> WEAK_VERBS = words("is", "was", "has", "had", "will", "would", "can", "could",
            "and", "should", "might", "may", "did", "does", "isn't", "wasn't", "won't", "doesn't", "didn't", "also");
    private static final Set<String> MONTHS = words("may", "june", "april", "august", "march", "january");
    private static final Set<String> PARTICLES = words("van", "von", "de", "der", "den", "da", "del", "della", "di",
            "du", "la", "le", "bin", "ibn", "al", "el", "ter", "ten", "dos", "das", "mac", "ní", "ó", "ua");
    private static final Pattern SURNAME_SHAPE = Pattern.compile(
            ".+(son|sen|sson|ez|es|ski|ska|sky|wicz|owa|ov|ova|ev|eva|enko|escu|ian|yan|oglu|oğlu|poulos|idis|akis|elli|"
                    + "etti|ini|ino|dottir|berg|stein|mann|ić|ič|vić|vic|vich|ovich|evich|ishvili|adze|uddin|ullah|zadeh|"
                    + "yev|yeva|aki|oto|ura|ita|ami|awa|ade|ola|emi|wu|nko|uk|chuk|czyk|ak|ek|ová)");

    static Set<String> words(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    private record Tok(int start, int end, String text, String lower, boolean possessive, boolean initial) {}

    private static final Set<String> PERSONAL_VERBS = words("said", "told", "asked", "wrote", "replied", "emailed",
            "texted", "lives", "prefers", "thinks", "owes", "called", "phoned", "married", "retired", "died", "says",
            "tells", "asks", "complained", "promised", "insisted", "recommended");
    private static final Set<String> AUXILIARIES = words("did", "does", "do", "has", "have", "will", "can", "could",
            "would", "should", "shall", "might", "is", "was", "must", "won't", "didn't", "doesn't", "hasn't", "isn't");
    private static final Set<String> POSSESSIONS = words("birthday", "phone", "number", "address", "email", "flight",
            "car", "house", "flat", "apartment", "appointment", "office", "keys", "wife", "husband", "mother", "father",
            "son", "daughter", "sister", "brother", "kids", "children", "mom", "mum", "dad", "account", "salary",
            "surgery", "diagnosis", "results", "passport", "wedding", "funeral", "party", "birth", "visa", "room",
            "desk", "laptop", "cat", "dog", "boyfriend", "girlfriend", "partner", "family", "parents", "friend");

    @Override
    public List<Span> detect(String text) {
        List<Tok> toks = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            int end = m.end();
            String t = m.group();
            boolean possessive = false;
            if (t.endsWith("'s") || t.endsWith("’s")) {
                possessive = true;
                end -= 2;
                t = t.substring(0, t.length() - 2);
            }
            while (t.endsWith("-") || t.endsWith("'") || t.endsWith("’")) {
                end--;
                t = t.substring(0, t.length() - 1);
            }
            boolean initial = t.length() == 1 && Character.isUpperCase(t.charAt(0)) && end < text.length() && text.charAt(end) == '.';
            if (!t.isEmpty()) toks.add(new Tok(m.start(), end, t, t.toLowerCase(Locale.ROOT), possessive, initial));
        }
        List<Span> out = new ArrayList<>();
        List<Span> rejected = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            if (!nameLike(toks.get(i))) {
                lowercaseName(text, toks, i, out);
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < toks.size() && joined(text, toks.get(j), toks.get(j + 1))
                    && (nameLike(toks.get(j + 1)) || particleBridge(text, toks, j + 1))) {
                j++;
            }
            if (!judge(text, toks, i, j, out)) {
                rejected.add(new Span(toks.get(i).start(), toks.get(j).end(), DataClass.PERSON,
                        text.substring(toks.get(i).start(), toks.get(j).end())));
            }
            i = j + 1;
        }
        coordinate(text, out, rejected);
        return out;
    }

    /** A capitalised word that could be part of a name: not a common word, not all capitals (acronyms). */
    private static boolean nameLike(Tok t) {
        String s = t.text();
        if (!Character.isUpperCase(s.charAt(0))) return false;
        if (s.length() > 1 && s.equals(s.toUpperCase(Locale.ROOT))) return false;
        if (s.length() == 1) return t.initial();
        return !Lexicon.common(t.lower()) && !TITLES.contains(t.lower()) || Lexicon.firstName(t.lower()) || Lexicon.lastName(t.lower());
    }

    private static boolean particleBridge(String text, List<Tok> toks, int k) {
        return PARTICLES.contains(toks.get(k).lower()) && k + 1 < toks.size() && joined(text, toks.get(k), toks.get(k + 1))
                && nameLike(toks.get(k + 1));
    }

    private static boolean joined(String text, Tok a, Tok b) {
        String gap = text.substring(a.end(), b.start());
        if (a.end() < text.length() && text.startsWith("'s", a.end())) return false;
        return gap.equals(" ") || gap.equals("-") || a.initial() && (gap.equals(". ") || gap.equals("."));
    }

    /** "Amira Haddad and Luca Bianchi": a capitalised run joined by "and", "or" or a comma to a name is a name too. */
    private static void coordinate(String text, List<Span> names, List<Span> rejected) {
        Pattern joiner = Pattern.compile("\\s*(?:,\\s*|\\s+(?:and|or|&|und|et|y|e)\\s+|\\s*/\\s*)");
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Span r : List.copyOf(rejected)) {
                String lower = r.value().toLowerCase(Locale.ROOT);
                if (Lexicon.COMMON.contains(lower) || r.value().length() < 3) continue;
                for (Span n : List.copyOf(names)) {
                    String between = r.end() <= n.start() ? text.substring(r.end(), n.start())
                            : n.end() <= r.start() ? text.substring(n.end(), r.start()) : null;
                    if (between != null && joiner.matcher(between).matches()) {
                        names.add(r);
                        rejected.remove(r);
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private boolean judge(String text, List<Tok> toks, int i, int j, List<Span> out) {
        String prev = i > 0 ? toks.get(i - 1).lower() : "";
        String gap = i > 0 ? text.substring(toks.get(i - 1).end(), toks.get(i).start()) : "";
        String next = j + 1 < toks.size() ? toks.get(j + 1).lower() : "";
        boolean nextCapCommon = j + 1 < toks.size() && joined(text, toks.get(j), toks.get(j + 1))
                && Character.isUpperCase(toks.get(j + 1).text().charAt(0));
        boolean prevCapCommon = i > 0 && joined(text, toks.get(i - 1), toks.get(i))
                && Character.isUpperCase(toks.get(i - 1).text().charAt(0)) && !TITLES.contains(prev) && !GREETINGS.contains(prev)
                && !(sentenceStart(text, toks.get(i - 1).start()) && (RELATIONS.contains(prev) || AUXILIARIES.contains(prev)));
        boolean start = sentenceStart(text, toks.get(i).start());
        boolean title = TITLES.contains(prev) && gap.matches("\\.? ");
        boolean greeting = GREETINGS.contains(prev) && gap.matches("[ ,]*\\n?\\s*|,\\s*\\n\\s*");
        boolean label = LABELS.contains(prev) && gap.matches("\\s*:\\s*");
        boolean intro = i >= 1 && gap.equals(" ") && (prev.equals("is") && i >= 2 && toks.get(i - 2).lower().equals("name")
                || prev.equals("named") || prev.equals("called") || prev.equals("i'm") || prev.equals("name")
                || prev.equals("am") && i >= 2 && toks.get(i - 2).lower().equals("i"));
        boolean strong = title || greeting || label || intro;
        boolean relation = RELATIONS.contains(prev) && gap.matches("[ ,]+");
        boolean verbAfter = STRONG_VERBS.contains(next);
        boolean weakAfter = WEAK_VERBS.contains(next) || verbAfter;
        boolean signature = start && j + 1 >= toks.size() || text.substring(toks.get(j).end()).matches("(?s)\\s*\\n.*")
                && start && j - i <= 2;

        int unambiguous = 0, ambiguous = 0, shaped = 0;
        for (int k = i; k <= j; k++) {
            String w = toks.get(k).lower();
            if (Lexicon.unambiguousName(w)) unambiguous++;
            else if (Lexicon.firstName(w) || Lexicon.lastName(w)) ambiguous++;
            if (w.length() >= 5 && SURNAME_SHAPE.matcher(w).matches()) shaped++;
        }
        int len = j - i + 1;
        String after = text.substring(toks.get(j).end(), Math.min(text.length(), toks.get(j).end() + 3));
        boolean organisationLike = nextCapCommon || prevCapCommon || gap.equals(" & ") || after.startsWith(" & ")
                || prev.equals("st") || prev.equals("saint");
        boolean ownsSomething = toks.get(j).possessive() && POSSESSIONS.contains(next)
                || !toks.get(j).possessive() && FAMILY.contains(next) && gap.equals(" ");
        String afterNext = j + 2 < toks.size() ? toks.get(j + 2).lower() : "";
        boolean withMe = next.equals("and") && (afterNext.equals("i") || afterNext.equals("me"))
                || (prev.equals("and") || prev.equals("with")) && i >= 2 && toks.get(i - 2).lower().matches("me|i");
        boolean aloneOnLine = len >= 2 && len <= 4 && lineOnly(text, toks.get(i).start(), toks.get(j).end());
        boolean questioned = AUXILIARIES.contains(prev) && gap.equals(" ") && j + 1 < toks.size()
                && Character.isLowerCase(toks.get(j + 1).text().charAt(0));
        boolean monthOnly = len == 1 && MONTHS.contains(toks.get(i).lower());
        boolean name;
        if (monthOnly) {
            name = strong || relation && !prev.matches("in|on|by|since|until|from|for|to|of|and|or|about") || verbAfter;
        } else if (unambiguous > 0) {
            name = !organisationLike || len > 1 || strong;
        } else if (len >= 2 && (ambiguous > 0 || shaped > 0)) {
            name = !start || strong || weakAfter || relation || signature || ambiguous + shaped >= 2;
        } else if (strong) {
            name = true;
        } else if (ambiguous > 0) {
            name = !organisationLike && (relation || verbAfter || !start && weakAfter || signature && start || ownsSomething);
        } else if (len >= 2) {
            name = !organisationLike && (!start && (verbAfter || relation) || shaped > 0 || PERSONAL_VERBS.contains(next)
                    || ownsSomething || withMe || aloneOnLine);
        } else {
            name = !organisationLike && (RELATION_NOUNS.contains(prev) && gap.matches("[ ,]+") || verbAfter && !start || shaped > 0 && relation
                    || PERSONAL_VERBS.contains(next) || ownsSomething || questioned || withMe
                    || !start && relation && (prev.equals("and") || prev.equals("or")) && (weakAfter || next.equals("are")
                    || next.equals("were") || next.equals("have")));
        }
        if (name) out.add(new Span(toks.get(i).start(), toks.get(j).end(), DataClass.PERSON,
                text.substring(toks.get(i).start(), toks.get(j).end())));
        return name;
    }

    private static final Set<String> RELATION_NOUNS = words("sister", "brother", "wife", "husband", "son", "daughter",
            "mother", "father", "mom", "mum", "dad", "friend", "colleague", "boss", "manager", "client", "patient",
            "neighbor", "neighbour", "partner", "landlord", "tenant", "lawyer", "teacher", "constituent", "cousin",
            "nephew", "niece", "grandmother", "grandfather", "assistant", "coworker", "co-worker", "roommate", "fiancé",
            "fiance", "fiancée", "girlfriend", "boyfriend", "named", "called", "baby", "kid", "child", "intern",
            "landlady", "nanny", "therapist", "dentist", "plumber", "mentor", "supervisor", "editor", "reporter",
            "meet", "met", "with", "ask", "tell", "told", "asked", "email", "emailed", "text", "texted", "invite",
            "invited", "thank", "remind", "ping", "cc", "introduce", "introduced", "hired", "interview", "interviewed",
            "message", "messaged", "forward", "forwarded", "congratulate", "call", "visit", "visited", "pay", "paid",
            "babysitter", "caregiver", "carer", "housekeeper", "driver", "tutor", "coach", "trainer", "physio", "nurse",
            "secretary", "accountant", "banker", "advisor", "adviser", "agent", "realtor", "contractor", "gardener",
            "cleaner", "chef", "priest", "vicar", "godmother", "godfather", "stepmother", "stepfather", "stepson",
            "stepdaughter", "grandson", "granddaughter", "granny", "nan", "wife", "husband", "spouse", "fiancee",
            "classmate", "teammate", "flatmate", "housemate", "buddy", "pal", "ex", "widow", "widower", "twin",
            "toddler", "pupil", "employer", "recruiter", "applicant", "candidate", "guest", "host", "sponsor");

    private static final Set<String> FAMILY = words("family", "household", "residence", "twins", "siblings", "estate",
            "clan", "kids", "children", "parents", "wedding", "funeral");

    /** A line holding nothing but these words (a signature, a "To:" line's name), apart from punctuation. */
    private static boolean lineOnly(String text, int start, int end) {
        int ls = text.lastIndexOf('\n', start - 1) + 1;
        int le = text.indexOf('\n', end);
        if (le < 0) le = text.length();
        return text.substring(ls, start).matches("[\\s\\-–—*>]*") && text.substring(end, le).matches("[\\s,.!]*");
    }

    /** "tell maria" / "with priya": a well-known given name typed in lower case after a person-taking word. */
    private static void lowercaseName(String text, List<Tok> toks, int i, List<Span> out) {
        Tok t = toks.get(i);
        if (t.text().length() < 3 || !Character.isLowerCase(t.text().charAt(0))) return;
        if (!Lexicon.FIRST.contains(t.lower()) || !Lexicon.unambiguousName(t.lower())) return;
        if (i + 1 < toks.size()) {
            // "tom becker": a known given name and a known family name, both unambiguous, written in lower case
            Tok next = toks.get(i + 1);
            boolean lower = next.text().length() >= 3 && Character.isLowerCase(next.text().charAt(0));
            if (lower && text.substring(t.end(), next.start()).equals(" ") && Lexicon.LAST.contains(next.lower())
                    && Lexicon.unambiguousName(next.lower())) {
                out.add(new Span(t.start(), next.end(), DataClass.PERSON, text.substring(t.start(), next.end())));
                return;
            }
        }
        if (i == 0 || t.text().length() < 4) return;
        if (RELATION_NOUNS.contains(toks.get(i - 1).lower()) && text.substring(toks.get(i - 1).end(), t.start()).equals(" ")) {
            out.add(new Span(t.start(), t.end(), DataClass.PERSON, t.text()));
        }
    }

    private static boolean sentenceStart(String text, int pos) {
        int k = pos - 1;
        while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t' || text.charAt(k) == '"' || text.charAt(k) == '\''
                || text.charAt(k) == '(' || text.charAt(k) == '*' || text.charAt(k) == '-' || text.charAt(k) == '“')) k--;
        return k < 0 || ".!?\n\r:;>".indexOf(text.charAt(k)) >= 0;
    }
}
