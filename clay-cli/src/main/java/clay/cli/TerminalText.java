package clay.cli;

/**
 * Text from programs, models, files and memory made safe to print on a terminal: control characters are shown, not
 * obeyed. ESC (so every CSI and OSC sequence: colours, cursor moves, window titles, hyperlinks, clipboard writes), the
 * other C0 controls, DEL and the C1 controls (U+0080–U+009F; U+009B is a one-byte CSI) appear as {@code ^[}, {@code ^G},
 * {@code ^?} or {@code <U+009B>}; Unicode direction overrides appear as {@code <U+202E>}. Newline and tab stay; a
 * carriage return stays only as part of CRLF.
 *
 * <pre>{@code
 * System.out.print(TerminalText.safe(result.stdout()));
 * }</pre>
 */
public final class TerminalText {
    private TerminalText() {}

    public static String safe(String text) {
        if (text == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = shown(c, i + 1 < text.length() ? text.charAt(i + 1) : 0);
            if (shown == null) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            out.append(shown);
        }
        return out == null ? text : out.toString();
    }

    /** How {@code c} is shown, or null when it prints as itself. */
    private static String shown(char c, char next) {
        if (c == '\n' || c == '\t') return null;
        if (c == '\r') return next == '\n' ? null : "^M";
        if (c < 0x20) return "^" + (char) (c + 64);
        if (c == 0x7f) return "^?";
        if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c) {
            return String.format("<U+%04X>", (int) c);
        }
        return null;
    }
}
