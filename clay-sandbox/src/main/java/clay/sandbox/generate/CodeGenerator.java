package clay.sandbox.generate;

import clay.core.CapabilityDeniedException;
import clay.core.ClayException;
import clay.core.InvalidInputException;
import clay.core.TrustLevel;
import clay.intelligence.model.ModelProvider;
import clay.sandbox.RunResult;
import clay.sandbox.Sandbox;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes programs with a model: asks for a program with its capability header, checks the header, runs it in the
 * sandbox as AI-generated code, and on failure feeds the error back for at most {@code maxRepairs} repairs; then the
 * {@link Escalation} gets one try, verified the same way. A program that works is saved under
 * {@code clay/generated/NAME/}.
 *
 * <pre>{@code
 * Generation g = new CodeGenerator(sandbox, 2, Escalation.none()).generate("count words in ~/notes", Language.PYTHON, provider);
 * }</pre>
 */
public final class CodeGenerator {
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z0-9_+-]*\\s*\\n(.*?)```", Pattern.DOTALL);

    private final Sandbox sandbox;
    private final int maxRepairs;
    private final Escalation escalation;

    public CodeGenerator(Sandbox sandbox, int maxRepairs, Escalation escalation) {
        if (maxRepairs < 0 || maxRepairs > 10) throw new InvalidInputException("maxRepairs must be 0..10", null);
        this.sandbox = sandbox;
        this.maxRepairs = maxRepairs;
        this.escalation = escalation;
    }

    public Generation generate(String request, Language language, ModelProvider provider) {
        return generate(request, language, provider.chat());
    }

    public Generation generate(String request, Language language, ChatModel model) {
        if (request == null || request.isBlank()) throw new InvalidInputException("say what the program should do", null);
        String name = nameFor(request);
        List<ChatMessage> conversation = new ArrayList<>(List.of(SystemMessage.from(systemPrompt(language)), UserMessage.from(request)));
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i <= maxRepairs; i++) {
            String reply;
            try {
                reply = model.chat(conversation).aiMessage().text();
            } catch (ClayException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ClayException("the model failed while writing the program: " + e.getMessage(),
                        "check the model with clay models list", e);
            }
            conversation.add(AiMessage.from(reply == null ? "" : reply));
            Attempt a = attempt(name, language, extract(reply), "local");
            attempts.add(a);
            if (a.succeeded()) return saved(request, name, language, a, attempts, false);
            conversation.add(UserMessage.from(a.feedback() + "\nFix the program. Reply with the whole corrected program in one code block."));
        }
        Optional<String> proposal = escalation.propose(request, language, List.copyOf(attempts));
        if (proposal.isPresent()) {
            Attempt a = attempt(name, language, extract(proposal.get()), escalation.name());
            attempts.add(a);
            if (a.succeeded()) return saved(request, name, language, a, attempts, true);
            return new Generation(attempts, Optional.empty(), true);
        }
        return new Generation(attempts, Optional.empty(), false);
    }

    private Attempt attempt(String name, Language language, String source, String by) {
        if (source.isBlank()) return new Attempt(source, Optional.of("The reply contained no program in a code block."), Optional.empty(), by);
        Program p;
        try {
            p = Program.of(name + "." + language.extension(), language, source);
        } catch (InvalidInputException e) {
            return new Attempt(source, Optional.of("The capability header is invalid: " + e.getMessage()), Optional.empty(), by);
        }
        if (!p.manifest().hasHeader()) {
            return new Attempt(source, Optional.of("The program has no capability header. Its first line must be "
                    + language.lineComment() + " @requires([...]) listing what it needs (an empty list if nothing)."), Optional.empty(), by);
        }
        try {
            RunResult r = sandbox.run(p, TrustLevel.AI_GENERATED);
            return new Attempt(source, Optional.empty(), Optional.of(r), by);
        } catch (CapabilityDeniedException e) {
            return new Attempt(source, Optional.of("The user or the sandbox refused a capability: " + e.getMessage()
                    + ". Do without it or ask for a narrower one."), Optional.empty(), by);
        }
    }

    private Generation saved(String request, String name, Language language, Attempt a, List<Attempt> attempts, boolean escalated) {
        Program p = Program.of(name + "." + language.extension(), language, a.source());
        sandbox.programs().save(name, p, TrustLevel.AI_GENERATED, request);
        return new Generation(attempts, Optional.of(p), escalated);
    }

    /** The code in the first fenced block of a reply, or the whole reply when it has no fence. */
    static String extract(String reply) {
        if (reply == null) return "";
        Matcher m = FENCE.matcher(reply);
        if (m.find()) return m.group(1).strip() + "\n";
        return reply.contains("@requires") ? reply.strip() + "\n" : "";
    }

    static String nameFor(String request) {
        String words = String.join("-", java.util.Arrays.stream(request.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9 ]", " ").strip().split("\\s+")).limit(5).toList());
        return words.isBlank() ? "program" : words;
    }

    static String systemPrompt(Language language) {
        return """
                You write small, complete %s programs that run in a sandbox with no network, no files and no environment
                except what the program declares. The FIRST line must be the capability header:
                %s @requires(["read:~/path", "write:~/path", "network:host.example.com", "env:NAME", "exec:program", "ui:surface"])
                listing only what it really needs (use %s @requires([]) for nothing). Paths may use ~ and globs.
                Network access goes through an HTTP proxy already set in http_proxy/https_proxy.
                Print results to stdout. To show a UI, print a line `clay:surface {json}` (needs ui:surface).
                Reply with the program in one fenced code block and nothing else.
                """.formatted(language.wireName(), language.lineComment(), language.lineComment());
    }
}
