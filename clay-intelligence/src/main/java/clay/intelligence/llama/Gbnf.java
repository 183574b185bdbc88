package clay.intelligence.llama;

import clay.core.InvalidInputException;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a GBNF grammar (llama.cpp's grammar format) in Java with the same syntax rules as llama.cpp's parser. Needed
 * because llama.cpp, given a grammar it cannot parse, prints to stderr and samples unconstrained — the caller would
 * get free text where it asked for a shape.
 */
final class Gbnf {
    private final String src;
    private final Set<String> defined = new HashSet<>();
    private final Set<String> used = new HashSet<>();
    private int pos;

    private Gbnf(String src) {
        this.src = src;
    }

    /** @throws InvalidInputException naming the position of the first problem */
    static void check(String grammar) {
        Gbnf g = new Gbnf(grammar);
        g.space(true);
        while (g.pos < g.src.length()) g.rule();
        if (!g.defined.contains("root")) throw g.error("the grammar has no 'root' rule");
        for (String name : g.used) {
            if (!g.defined.contains(name)) throw g.error("rule '" + name + "' is used but never defined");
        }
    }

    private void rule() {
        String name = name();
        if (name.isEmpty()) throw error("expecting a rule name");
        defined.add(name);
        space(false);
        if (!src.startsWith("::=", pos)) throw error("expecting '::='");
        pos += 3;
        space(true);
        alternates(false);
        if (pos < src.length() && src.charAt(pos) == '\r') pos++;
        if (pos < src.length() && src.charAt(pos) == '\n') pos++;
        else if (pos < src.length()) throw error("expecting a newline or the end");
        space(true);
    }

    private void alternates(boolean nested) {
        sequence(nested);
        while (pos < src.length() && src.charAt(pos) == '|') {
            pos++;
            space(true);
            sequence(nested);
        }
    }

    private void sequence(boolean nested) {
        boolean item = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                while (peek() != '"') character();
                pos++;
            } else if (c == '[') {
                pos++;
                if (peek() == '^') pos++;
                while (peek() != ']') {
                    character();
                    if (peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                        pos++;
                        character();
                    }
                }
                pos++;
            } else if (word(c)) {
                used.add(name());
            } else if (c == '(') {
                pos++;
                space(true);
                alternates(true);
                if (peek() != ')') throw error("expecting ')'");
                pos++;
            } else if (c == '.') {
                pos++;
            } else if (c == '*' || c == '+' || c == '?') {
                if (!item) throw error("expecting an item before '" + c + "'");
                pos++;
            } else if (c == '{') {
                if (!item) throw error("expecting an item before '{'");
                pos++;
                space(nested);
                int digits = digits();
                space(nested);
                if (peek() == ',') {
                    pos++;
                    space(nested);
                    digits();
                    space(nested);
                } else if (digits == 0) {
                    throw error("expecting a number in '{}'");
                }
                if (peek() != '}') throw error("expecting '}'");
                pos++;
            } else {
                break;
            }
            item = true;
            space(nested);
        }
    }

    private void character() {
        char c = peek();
        pos++;
        if (c != '\\') return;
        char e = peek();
        pos++;
        switch (e) {
            case 'x' -> hex(2);
            case 'u' -> hex(4);
            case 'U' -> hex(8);
            case 't', 'r', 'n', '\\', '"', '[', ']' -> { }
            default -> throw error("unknown escape '\\" + e + "'");
        }
    }

    private void hex(int n) {
        for (int i = 0; i < n; i++) {
            if (Character.digit(peek(), 16) < 0) throw error("expecting " + n + " hex digits");
            pos++;
        }
    }

    private int digits() {
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
        return pos - start;
    }

    private String name() {
        int start = pos;
        while (pos < src.length() && word(src.charAt(pos))) pos++;
        return src.substring(start, pos);
    }

    private static boolean word(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    /** The current character; running off the end is an error, as every caller expects more input. */
    private char peek() {
        if (pos >= src.length()) throw error("unexpected end of the grammar");
        return src.charAt(pos);
    }

    private void space(boolean newlines) {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') pos++;
            } else if (newlines && (c == '\n' || c == '\r')) {
                pos++;
            } else {
                break;
            }
        }
    }

    private InvalidInputException error(String what) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, src.length()); i++) if (src.charAt(i) == '\n') line++;
        return new InvalidInputException("bad GBNF grammar at line " + line + ": " + what,
                "see llama.cpp's grammars/README.md for the GBNF syntax");
    }
}
