package clay.sandbox.manifest;

import clay.core.Capability;
import clay.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code @requires([...])} headers. The header is a line that starts (after optional whitespace) with a comment
 * marker ({@code #}, {@code //}, {@code //!}, {@code *} or {@code /*}) or nothing (a Python decorator line), then
 * {@code @requires(} and a list of quoted capability strings, which may continue over following lines until {@code ])}.
 * Only the header region counts: lines before the first line of code that is not a comment, blank, shebang, decorator,
 * {@code package}, {@code import}/{@code use} or {@code "use strict"}. Several header lines are merged.
 */
public final class ManifestParser {
    private static final Pattern START = Pattern.compile("^\\s*(?:#|//!?|/\\*+|\\*)?\\s*@requires\\s*\\(");
    private static final Pattern ITEM = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'");
    private static final int MAX_HEADER_LINES = 200;

    private ManifestParser() {}

    /** Parses the header of {@code source}; throws {@link InvalidInputException} naming the line when it is malformed. */
    public static Manifest parse(String source) {
        String[] lines = source.split("\\R", -1);
        List<Capability> caps = new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < lines.length && i < MAX_HEADER_LINES; i++) {
            String line = lines[i];
            Matcher m = START.matcher(line);
            if (m.find()) {
                found = true;
                StringBuilder body = new StringBuilder(line.substring(m.end()));
                int first = i;
                while (!body.toString().contains(")") && i + 1 < lines.length && i - first < 50) {
                    body.append('\n').append(lines[++i]);
                }
                caps.addAll(items(body.toString(), first + 1));
            } else if (!headerLine(line)) {
                break;
            }
        }
        return new Manifest(caps, found);
    }

    private static List<Capability> items(String body, int lineNo) {
        int close = body.indexOf(')');
        if (close < 0) throw bad(lineNo, "the list is not closed with ])");
        String inner = body.substring(0, close).strip();
        inner = stripCommentMarkers(inner);
        if (!inner.startsWith("[") || !inner.endsWith("]")) throw bad(lineNo, "expected a list like [\"read:~/documents\"]");
        String list = inner.substring(1, inner.length() - 1);
        List<Capability> out = new ArrayList<>();
        Matcher m = ITEM.matcher(list);
        int pos = 0;
        while (m.find()) {
            String between = list.substring(pos, m.start()).replace(",", "").strip();
            if (!between.isEmpty()) throw bad(lineNo, "unexpected '" + between + "' in the list");
            String text = m.group(1) != null ? m.group(1) : m.group(2);
            try {
                out.add(Capability.parse(text));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("line " + lineNo + ": " + e.getMessage(), e.fix().orElse(null), e);
            }
            pos = m.end();
        }
        String rest = list.substring(pos).replace(",", "").strip();
        if (!rest.isEmpty()) throw bad(lineNo, "unexpected '" + rest + "' in the list");
        return out;
    }

    /** Removes comment markers at the start of continuation lines of a multi-line list. */
    private static String stripCommentMarkers(String s) {
        return s.replaceAll("\\n\\s*(?:#|//!?|\\*)", "\n").replaceAll("\\s+", " ").strip();
    }

    private static boolean headerLine(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#") || t.startsWith("//") || t.startsWith("/*") || t.startsWith("*")
                || t.startsWith("@") || t.startsWith("package ") || t.startsWith("import ") || t.startsWith("from ")
                || t.startsWith("use ") || t.startsWith("\"use strict\"") || t.startsWith("'use strict'")
                || t.startsWith("#!") || t.startsWith("\"\"\"") || t.startsWith("extern crate");
    }

    private static InvalidInputException bad(int lineNo, String why) {
        return new InvalidInputException("capability header on line " + lineNo + ": " + why,
                "write the header as @requires([\"read:~/documents\", \"network:api.example.com\"])");
    }
}
