package clay.runtime.sandbox;

import clay.runtime.Models;
import clay.sandbox.generate.Attempt;
import clay.sandbox.generate.Escalation;
import clay.sandbox.manifest.Language;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Optional;

/**
 * The router's verified escalation for generated programs: when the local model's attempts keep failing their run,
 * the first configured cloud model (through the cloud proxy, like every cloud call) gets the request with each failed
 * attempt and its error, and proposes a program that is checked and run like any other. Without a cloud model it
 * declines, and the failure stands.
 */
final class CloudEscalation implements Escalation {
    private final Models models;

    CloudEscalation(Models models) {
        this.models = models;
    }

    @Override
    public Optional<String> propose(String request, Language language, List<Attempt> failures) {
        Optional<String> cloud = models.names().stream().filter(n -> !models.isLocal(n)).findFirst();
        if (cloud.isEmpty()) return Optional.empty();
        StringBuilder prompt = new StringBuilder("Write a complete " + language.wireName() + " program for: "
                + request + "\nStart it with its capability header (" + language.lineComment()
                + " @requires([...])) listing exactly what it needs. Reply with the program only.\n");
        for (Attempt a : failures) {
            prompt.append("\nA previous attempt failed: ").append(a.problem().orElse("it did not run successfully"))
                    .append("\n").append(a.source()).append('\n');
        }
        String text = models.get(cloud.get()).chat().chat(ChatRequest.builder()
                .messages(List.of(SystemMessage.from("You write small, correct programs that run in a sandbox."),
                        UserMessage.from(prompt.toString())))
                .build()).aiMessage().text();
        return Optional.ofNullable(text).filter(t -> !t.isBlank());
    }

    @Override
    public String name() {
        return "cloud escalation (" + models.names().stream().filter(n -> !models.isLocal(n)).findFirst().orElse("none") + ")";
    }
}
