package clay.intelligence.intent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Bounded repair of a model's JSON answer: drops text around the outermost object (prose, code fences), and closes a
 * string, array or object that a length limit cut off, removing a dangling key or comma. It never invents values;
 * what it returns still has to pass the schema.
 */
final class JsonRepair {
    private JsonRepair() {}

    static Optional<String> repair(String text) {
        if (text == null) return Optional.empty();
        int start = text.indexOf('{');
        if (start < 0) return Optional.empty();
        String s = text.substring(start);
        Deque<Character> stack = new ArrayDeque<>();
        boolean inString = false, escaped = false;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c);
            if (inString) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{' -> stack.push('}');
                case '[' -> stack.push(']');
                case '}', ']' -> {
                    if (stack.isEmpty() || stack.pop() != c) return Optional.empty();
                    if (stack.isEmpty()) return Optional.of(out.toString());
                }
                default -> { }
            }
        }
        if (stack.isEmpty()) return Optional.empty();
        // Cut off mid-way: close an open string, then drop an incomplete trailing member, then close the containers.
        StringBuilder fixed = new StringBuilder(out);
        if (inString) {
            if (escaped) fixed.setLength(fixed.length() - 1);
            fixed.append('"');
        }
        String t = fixed.toString().stripTrailing();
        t = dropDangling(t);
        StringBuilder closed = new StringBuilder(t);
        Deque<Character> open = reopen(t);
        if (open == null) return Optional.empty();
        while (!open.isEmpty()) closed.append(open.pop());
        return Optional.of(closed.toString());
    }

    /** Removes a trailing comma, a key without a value, or a dangling colon. */
    private static String dropDangling(String t) {
        for (int guard = 0; guard < 4; guard++) {
            String before = t;
            t = t.stripTrailing();
            if (t.endsWith(",")) t = t.substring(0, t.length() - 1);
            else if (t.endsWith(":")) t = stripKey(t.substring(0, t.length() - 1));
            else if (t.endsWith("\"") && endsWithKey(t)) t = stripKey(t);
            else if (t.matches("(?s).*[:,\\[{]\\s*-?\\d*\\.?$") && !t.endsWith("{") && !t.endsWith("[")) t = t.replaceAll("(?s)-?\\d*\\.?$", "");
            if (t.equals(before)) break;
        }
        return t;
    }

    /** Whether the string that ends {@code t} is an object key without its value (preceded by '{' or ','). */
    private static boolean endsWithKey(String t) {
        int q = t.lastIndexOf('"', t.length() - 2);
        while (q > 0 && t.charAt(q - 1) == '\\') q = t.lastIndexOf('"', q - 2);
        if (q < 0) return false;
        String before = t.substring(0, q).stripTrailing();
        if (before.isEmpty()) return false;
        char p = before.charAt(before.length() - 1);
        if (p != '{' && p != ',') return false;
        Deque<Character> open = reopen(before);
        return open != null && !open.isEmpty() && open.peek() == '}';
    }

    private static String stripKey(String t) {
        t = t.stripTrailing();
        if (!t.endsWith("\"")) return t;
        int q = t.lastIndexOf('"', t.length() - 2);
        return q < 0 ? t : t.substring(0, q);
    }

    private static Deque<Character> reopen(String t) {
        Deque<Character> stack = new ArrayDeque<>();
        boolean inString = false, escaped = false;
        for (char c : t.toCharArray()) {
            if (inString) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            else if (c == '{') stack.push('}');
            else if (c == '[') stack.push(']');
            else if (c == '}' || c == ']') {
                if (stack.isEmpty() || stack.pop() != c) return null;
            }
        }
        return inString ? null : stack;
    }
}
