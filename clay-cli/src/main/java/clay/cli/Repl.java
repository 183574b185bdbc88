package clay.cli;

import clay.core.ClayException;
import clay.core.ClayHome;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive session: starts the runtime if needed, greets, then reads lines (history kept in
 * {@code $CLAY_HOME/runtime/history}; a line ending in {@code \} continues on the next), streams each answer, and lets
 * Ctrl-C cancel the answer being generated rather than Clay. Ctrl-D or {@code /quit} leaves.
 */
final class Repl {
    private Repl() {}

    static int open() throws Exception {
        ClayHome home = ClayHome.fromEnvironment();
        ApiClient api = ApiClient.connect();
        AtomicBoolean cancel = new AtomicBoolean();
        try (Terminal terminal = TerminalBuilder.builder().name("clay").system(true).dumb(true).build()) {
            terminal.handle(Terminal.Signal.INT, s -> cancel.set(true));
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[0]); // a trailing backslash continues the line; keep it for readUtterance
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("clay").parser(parser)
                    .variable(LineReader.HISTORY_FILE, home.runtime().resolve("history"))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "... ")
                    .build();
            var out = terminal.writer();
            out.println(TerminalText.safe(api.get("/api/health").path("greeting").asText()));
            out.println("(type /help for commands, Ctrl-D to leave)");
            out.flush();
            while (true) {
                String line;
                try {
                    line = readUtterance(reader);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                if (line == null) return 0;
                line = line.strip();
                if (line.isEmpty()) continue;
                if (line.equals("/quit") || line.equals("/exit")) return 0;
                if (line.equals("/help")) {
                    out.println("Say what you want in your own words. /quit leaves; Ctrl-C stops an answer; "
                            + "a line ending in \\ continues on the next.");
                    out.flush();
                    continue;
                }
                cancel.set(false);
                try {
                    AtomicReference<JsonNode> reply = new AtomicReference<>();
                    AtomicBoolean streamed = new AtomicBoolean();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("text", line);
                    body.put("stream", true);
                    api.stream("/api/ask", body, (event, data) -> {
                        if (event.equals("token")) {
                            if (!data.path("text").asText().isEmpty()) streamed.set(true);
                            out.print(TerminalText.safe(data.path("text").asText()));
                            out.flush();
                        } else if (event.equals("reply")) reply.set(data);
                        else if (event.equals("error")) {
                            out.print(TerminalText.safe("error: " + data.path("message").asText()
                                    + (data.hasNonNull("fix") ? "\n  fix: " + data.get("fix").asText() : "")));
                        }
                    }, cancel::get);
                    if (cancel.get()) out.println("\n[cancelled]");
                    else if (streamed.get() || reply.get() == null) out.println();
                    else out.println(TerminalText.safe(Replies.visible(reply.get())));
                    if (reply.get() != null && !cancel.get()) {
                        out.flush();
                        Replies.confirm(reply.get(), Replies.through(api), true, out::println, reader::readLine);
                    }
                } catch (ClayException e) {
                    out.println("error: " + e.getMessage());
                    e.fix().ifPresent(f -> out.println("  fix: " + f));
                }
                out.flush();
            }
        }
    }

    /** Reads one utterance, joining lines that end with a backslash. */
    static String readUtterance(LineReader reader) {
        StringBuilder sb = new StringBuilder();
        String prompt = "clay> ";
        while (true) {
            String line = reader.readLine(prompt);
            if (line.endsWith("\\")) {
                sb.append(line, 0, line.length() - 1).append('\n');
                prompt = "...   ";
            } else {
                return sb.append(line).toString();
            }
        }
    }
}
