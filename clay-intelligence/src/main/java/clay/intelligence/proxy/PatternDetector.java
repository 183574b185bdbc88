package clay.intelligence.proxy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based detection of structured personal data: e-mail addresses, phone numbers (national and international),
 * card numbers (Luhn-checked), IBANs (mod-97-checked), account, social-security and ID numbers, secrets (known key
 * formats, "password: ..." and keyword-introduced values also inside identifiers, hex keys, high-entropy tokens), file
 * paths holding a user name, IP addresses and birth dates. It reads the text as {@link Normalized} folds it, so
 * full-width digits, odd spaces and look-alike letters are already plain.
 */
final class PatternDetector implements Detector {
    private static final int CI = Pattern.CASE_INSENSITIVE;

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+:/-])[A-Za-z0-9._%+-]+ ?@ ?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final String TLD = "(?:com|org|net|edu|gov|mil|int|info|biz|io|ai|app|dev|me|co|uk|de|fr|nl|es|it|ch|at|be|"
            + "eu|us|ca|au|nz|jp|cn|in|br|pl|se|no|dk|fi|ru|cz|pt|ie|mx|ar|za|tr|gr|hu|ro|sk|si|hr|lt|lv|ee|is|lu|online|email)";
    /** "tom.becker at example dot org", "tom (at) example [dot] org": the spelled-out forms people use against scrapers. */
    private static final Pattern EMAIL_SPELLED = Pattern.compile(
            "(?i)(?<![\\w.+-])[a-z0-9._%+-]+\\s*(?:[(\\[{]\\s*at\\s*[)\\]}]|\\bat\\b)\\s*[a-z0-9-]+"
                    + "(?:\\s*(?:[(\\[{]\\s*dot\\s*[)\\]}]|\\bdot\\b|\\.)\\s*[a-z0-9-]+)*?"
                    + "\\s*(?:[(\\[{]\\s*dot\\s*[)\\]}]|\\bdot\\b|(?<=[)\\]}]\\s{0,3})\\.)\\s*" + TLD + "\\b");
    /** Seven or more digits spelled as words ("four one five, five five five ..."): a number someone read out. */
    private static final Pattern DIGIT_WORDS = Pattern.compile(
            "(?i)\\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)[\\s,.-]+){6,}"
                    + "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\\b");
    private static final Pattern PHONE_INTL = Pattern.compile(
            "(?<![\\w+])(?:\\+|00)\\d{1,3}(?:[ .\\-/]?\\(?\\d{1,5}\\)?){2,7}(?!\\w)");
    private static final Pattern PHONE_NATIONAL = Pattern.compile(
            "(?<![\\w+./-])(?:\\(\\d{2,5}\\)[ .-]?|\\d{2,5}[ .\\-/])\\d{2,8}(?:[ .\\-]\\d{2,5}){0,3}(?![\\w/]|[.-]\\d)"
                    + "|(?<![\\w+.-])0\\d{9,10}(?![\\w.-])");
    private static final Pattern DATE_LIKE = Pattern.compile(
            "\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{1,2}[./-]\\d{4}|(19|20)\\d\\d[ -](19|20)\\d\\d");
    private static final Pattern PHONE_CONTEXT = Pattern.compile(
            "(?i)(phone|tel|call|mobile|cell|fax|whatsapp|signal|text|ring|number|reach|contact|landline|\\bm\\b|\\bt\\b)[^\\n]{0,25}$");
    private static final Pattern EXTENSION = Pattern.compile("(?i)\\s*(?:ext\\.?|extension|x|#)\\s*\\d{1,6}\\b");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])(?:\\d[ .-]{0,2}){12,18}\\d(?![\\d])");
    private static final Pattern IBAN = Pattern.compile("(?i)\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b");
    private static final java.util.Set<String> IBAN_COUNTRIES = java.util.Set.of(("AD AE AL AT AZ BA BE BG BH BI BR BY CH CR "
            + "CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI GL GR GT HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD "
            + "ME MK MN MR MT MU NI NL NO OM PK PL PS PT QA RO RS RU SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE").split(" "));
    private static final Pattern ACCOUNT = Pattern.compile(
            "(?i)\\b(?:account|acct|a/c|konto|routing|sort[ -]code|bsb|aba|swift|bic|kontonummer|iban)\\b"
                    + "(?:\\s*(?:number|no\\.?|num|#|nr\\.?|code))?(?:\\s*(?:is|was|:|=|-))?\\s*(?-i:([A-Z0-9][A-Z0-9 -]{3,24}[A-Z0-9]))");
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])\\d{3}-\\d{2}-\\d{4}(?![\\d-])");
    private static final Pattern UK_NINO = Pattern.compile(
            "\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b");
    private static final Pattern ID_CONTEXT = Pattern.compile(
            "(?i)\\b(?:passport|id card|identity card|national id|id|licen[cs]e(?: plate)?|driver'?s licen[cs]e|national insurance|"
                    + "(?-i:NI|SIN|PAN|TIN|MRN|DNI|NIE|BSN|CPR|SSN)|social security|tax id|vat|steuer-?id|personalausweis|medical record|patient(?: id)?|"
                    + "employee(?: id)?|member(?:ship)?|policy|customer|client|student(?: id)?|nhs|aadhaar|"
                    + "insurance|case|claim|badge|staff|reference|ref|order|invoice|ticket|booking|confirmation|"
                    + "registration|plate|codice fiscale|pesel|personnummer)"
                    + "\\b(?:\\s*(?:number|no\\.?|num|#|nr\\.?|id|code))?(?:\\s*(?:is|was|:|=|-))?\\s*"
                    + "(?-i:([A-Z0-9](?:[A-Z0-9]|[ /-](?=[A-Z0-9])){4,24}))", CI);
    private static final Pattern KNOWN_SECRET = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"
                    + "|\\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}|\\bAKIA[0-9A-Z]{16}\\b|\\bgh[pousr]_[A-Za-z0-9]{20,}"
                    + "|\\bgithub_pat_\\w{20,}|\\bxox[abprs]-[A-Za-z0-9-]{10,}|\\bAIza[0-9A-Za-z_-]{30,}"
                    + "|\\beyJ[\\w-]{8,}\\.[\\w-]{8,}\\.[\\w-]{4,}|\\bglpat-[\\w-]{16,}|\\b[sr]k_(?:live|test)_\\w{10,}"
                    + "|\\bhf_[A-Za-z0-9]{20,}|\\bnpm_[A-Za-z0-9]{20,}");
    /**
     * A keyword that introduces a secret, also inside an identifier ({@code aws_secret_access_key}, {@code DB_PASSWORD},
     * {@code client-secret}), then an optional "for the X", separators ({@code is}, {@code :}, {@code =}, {@code :=}) and
     * the value. "code" counts only after a word that makes it a code to something (locker, door, alarm, 2FA ...).
     */
    private static final Pattern SECRET_CONTEXT = Pattern.compile(
            "(?i)(?<![a-z0-9])(?:[a-z0-9]+[_.-])*(?:password|passwort|passwd|pwd|passcode|pass ?phrase|passkey|pin(?: code| number)?|"
                    + "secret|token|api[_ -]?key|access[_ -]?key|secret[_ -]?key|account[_ -]?key|shared[_ -]?access[_ -]?key|"
                    + "client[_ -]?secret|private[_ -]?key|credentials?|auth(?:orization)?|bearer|wifi key|wi-fi password|login|"
                    + "otp|cvv|cvc|combination|(?:locker|door|gate|alarm|access|entry|security|safe|lock|unlock|garage|building|"
                    + "wifi|wi-fi|verification|one-time|2fa|mfa|otp|backup|recovery|master|keypad|pin|bike lock|padlock|vault)[_ -]?code)"
                    + "(?:[_.-][a-z0-9]+)*(?:[_ -]?id)?(?![a-z0-9])"
                    + "(?:\\s+(?:for|of|to|on)\\s+(?:the\\s+|my\\s+|our\\s+|your\\s+)?[\\w.-]+)?"
                    + "(?:\\s*(?:is|was|are|:=|=>|:|=|to|as|-))*\\s*[\"'`]?([^\\s\"'`,;]{4,})");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?<=://)[^:/\\s@]+:[^@/\\s]+(?=@)");
    private static final Pattern ENTROPY = Pattern.compile("(?<![\\w/+=-])[A-Za-z0-9+/_-]{24,}={0,2}(?![\\w/+=-])");
    /** Hex keys and digests of 32 or more digits (Azure keys, deploy keys, HMAC secrets), either case, not mixed. */
    /** A hex string introduced as a digest of something is a checksum anyone may see, not a key. */
    private static final Pattern DIGEST_CONTEXT = Pattern.compile(
            "(?i)\\b(?:hash|sha-?(?:1|224|256|384|512)?|md5|digest|checksum|commit|revision|rev|fingerprint|etag|blake2b?|sum)\\b[^\\n]{0,40}$");
    private static final Pattern HEX = Pattern.compile("(?<![\\w-])(?:[0-9a-f]{32,}|[0-9A-F]{32,})(?![\\w-])");
    private static final Pattern PATH = Pattern.compile(
            "(?:/home|/Users|/users|/var/home)/[A-Za-z0-9._-]+(?:/[^\\s\"'<>|,;)]*)?"
                    + "|\\b[A-Za-z]:\\\\(?:Users|Documents and Settings)\\\\[^\\\\\\s\"']+(?:\\\\[^\\s\"'<>|,;]*)?"
                    + "|~[a-z_][a-z0-9_-]*(?:/[^\\s\"'<>|,;)]*)?");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}(?![\\d.]\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\\w:])");
    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
            + "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final Pattern DOB = Pattern.compile(
            "(?i)\\b(?:born(?: on)?|date of birth|d\\.?o\\.?b\\.?|birth ?date|birthday(?: is)?|geboren(?: am)?|né(?:e)? le)"
                    + "\\s*(?:is|:|-)?\\s*((?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})|(?:\\d{4}-\\d{2}-\\d{2})"
                    + "|(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?" + MONTH + "(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?,?\\s+\\d{4}))");

    @Override
    public List<Span> detect(String text) {
        List<Span> out = new ArrayList<>();
        add(out, text, EMAIL, DataClass.EMAIL);
        add(out, text, EMAIL_SPELLED, DataClass.EMAIL);
        add(out, text, DIGIT_WORDS, DataClass.PHONE);
        add(out, text, KNOWN_SECRET, DataClass.SECRET);
        add(out, text, URL_CREDENTIALS, DataClass.SECRET);
        add(out, text, PATH, DataClass.PATH);
        add(out, text, SSN, DataClass.ID);
        add(out, text, UK_NINO, DataClass.ID);
        add(out, text, IPV6, DataClass.IP);
        Matcher m = IPV4.matcher(text);
        while (m.find()) {
            if (!m.group().startsWith("127.") && !m.group().equals("0.0.0.0")) out.add(Span.of(text, m.start(), m.end(), DataClass.IP));
        }
        groups(out, text, DOB, DataClass.DATE_OF_BIRTH);
        cards(out, text);
        ibans(out, text);
        contextual(out, text, ACCOUNT, DataClass.ACCOUNT);
        contextual(out, text, ID_CONTEXT, DataClass.ID);
        secrets(out, text);
        phones(out, text);
        return out;
    }

    private static void add(List<Span> out, String text, Pattern p, DataClass type) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            int end = trimEnd(text, m.start(), m.end());
            if (end > m.start()) out.add(Span.of(text, m.start(), end, type));
        }
    }

    private static void groups(List<Span> out, String text, Pattern p, DataClass type) {
        Matcher m = p.matcher(text);
        while (m.find()) out.add(Span.of(text, m.start(1), m.end(1), type));
    }

    /** Drops sentence punctuation a greedy pattern swallowed at the end ("... /home/ana/cv.pdf."). */
    private static int trimEnd(String text, int start, int end) {
        while (end > start && ".,:;!?)]}'\"".indexOf(text.charAt(end - 1)) >= 0) end--;
        return end;
    }

    private static void cards(List<Span> out, String text) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[^0-9]", "");
            int end = m.end();
            while (end > m.start() && !Character.isDigit(text.charAt(end - 1))) end--;
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                out.add(Span.of(text, m.start(), end, DataClass.CARD));
            } else if (digits.length() >= 13 && before(text, m.start(), 30).matches("(?is).*\\b(card|visa|mastercard|amex|cc)\\b.*")) {
                out.add(Span.of(text, m.start(), end, DataClass.CARD));
            }
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Upper or lower case; a match that runs on into the next words is shortened word by word until it checks. */
    private static void ibans(List<Span> out, String text) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            String match = m.group();
            if (!IBAN_COUNTRIES.contains(match.substring(0, 2).toUpperCase(Locale.ROOT))) continue;
            for (int end = match.length(); end > 0; end = match.lastIndexOf(' ', end - 1)) {
                String compact = match.substring(0, end).replace(" ", "").toUpperCase(Locale.ROOT);
                if (compact.length() >= 15 && compact.length() <= 34 && ibanValid(compact)) {
                    out.add(Span.of(text, m.start(), m.start() + end, DataClass.IBAN));
                    break;
                }
                if (compact.length() < 15) break;
            }
        }
    }

    static boolean ibanValid(String iban) {
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder num = new StringBuilder();
        for (char c : moved.toCharArray()) {
            if (Character.isDigit(c)) num.append(c);
            else if (c >= 'A' && c <= 'Z') num.append(c - 'A' + 10);
            else return false;
        }
        return new BigInteger(num.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** Keyword-introduced values: the value must contain a digit, so "policy is strict" is left alone. */
    private static void contextual(List<Span> out, String text, Pattern p, DataClass type) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            String v = m.group(1);
            int end = m.start(1) + v.length();
            while (end > m.start(1) && !Character.isLetterOrDigit(text.charAt(end - 1))) end--;
            String value = text.substring(m.start(1), end);
            long digits = value.chars().filter(Character::isDigit).count();
            if (digits >= 3 && (type != DataClass.ID || !DATE_LIKE.matcher(value).matches())) out.add(Span.of(text, m.start(1), end, type));
        }
    }

    private static void secrets(List<Span> out, String text) {
        Matcher m = SECRET_CONTEXT.matcher(text);
        while (m.find()) {
            int end = trimEnd(text, m.start(1), m.end(1));
            String v = text.substring(m.start(1), end);
            if (v.length() >= 4 && looksSecret(v)) out.add(Span.of(text, m.start(1), end, DataClass.SECRET));
        }
        m = ENTROPY.matcher(text);
        while (m.find()) {
            String v = m.group();
            int classes = (v.chars().anyMatch(Character::isUpperCase) ? 1 : 0) + (v.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                    + (v.chars().anyMatch(Character::isDigit) ? 1 : 0);
            long digits = v.chars().filter(Character::isDigit).count();
            boolean base64 = v.length() >= 30 && v.chars().anyMatch(c -> c == '/' || c == '+' || c == '=');
            if (classes == 3 && (digits >= 2 || base64 && digits >= 1) && !v.contains("--")) {
                out.add(Span.of(text, m.start(), m.end(), DataClass.SECRET));
            }
        }
        m = HEX.matcher(text);
        while (m.find()) {
            String v = m.group();
            boolean named = DIGEST_CONTEXT.matcher(before(text, m.start(), 60)).find();
            if (v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter) && !named) {
                out.add(Span.of(text, m.start(), m.end(), DataClass.SECRET));
            }
        }
    }

    private static boolean looksSecret(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (Lexicon.COMMON.contains(lower) || lower.startsWith("<")) return false;
        boolean digit = v.chars().anyMatch(Character::isDigit);
        boolean symbol = v.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        boolean innerUpper = v.substring(1).chars().anyMatch(Character::isUpperCase);
        return digit || symbol || innerUpper || v.length() >= 10;
    }

    private static void phones(List<Span> out, String text) {
        for (Pattern p : new Pattern[] {PHONE_INTL, PHONE_NATIONAL}) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                int end = trimEnd(text, m.start(), m.end());
                String v = text.substring(m.start(), end);
                long digits = v.chars().filter(Character::isDigit).count();
                boolean intl = p == PHONE_INTL;
                if (digits < 7 || digits > 15) continue;
                if (!intl && DATE_LIKE.matcher(v).matches()) continue;
                if (!intl && digits < 10 && !PHONE_CONTEXT.matcher(before(text, m.start(), 40)).find()) continue;
                Matcher ext = EXTENSION.matcher(text.substring(end));
                if (ext.lookingAt()) end += ext.end();
                out.add(Span.of(text, m.start(), end, DataClass.PHONE));
            }
        }
    }

    static String before(String text, int pos, int n) {
        return text.substring(Math.max(0, pos - n), pos);
    }
}
