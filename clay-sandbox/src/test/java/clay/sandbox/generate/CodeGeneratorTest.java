package clay.sandbox.generate;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayHome;
import clay.core.TrustLevel;
import clay.sandbox.BackendKind;
import clay.sandbox.Sandbox;
import clay.sandbox.SandboxPolicy;
import clay.sandbox.approval.Decision;
import clay.sandbox.manifest.Language;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generate / check / run / repair / escalate loop, with a scripted chat model. */
class CodeGeneratorTest {
    @TempDir Path dir;

    /** Answers with the next scripted reply and remembers what it was sent. */
    static final class ScriptedModel implements ChatModel {
        final Deque<String> replies;
        final List<List<ChatMessage>> seen = new ArrayList<>();

        ScriptedModel(String... replies) {
            this.replies = new ArrayDeque<>(List.of(replies));
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            seen.add(List.copyOf(request.messages()));
            return ChatResponse.builder().aiMessage(AiMessage.from(replies.isEmpty() ? "no idea" : replies.poll())).build();
        }
    }

    Sandbox sandbox() {
        clay.sandbox.SandboxFixtureAccess.requireBubblewrap();
        SandboxPolicy p = SandboxPolicy.defaults(new ClayHome(dir.resolve("home")).ensure()).withApprover(r -> Decision.ONCE)
                .withBackends(TrustLevel.AI_GENERATED, List.of(BackendKind.BUBBLEWRAP));
        return Sandbox.create(p);
    }

    @Test
    void repairsFromTheSandboxErrorAndSavesTheWorkingProgram() {
        ScriptedModel model = new ScriptedModel(
                "Here:\n```python\nprint(1/0)\n```",
                "```python\n# @requires([])\nprint(1/0)\n```",
                "```python\n# @requires([])\nprint(6*7)\n```");
        try (Sandbox s = sandbox()) {
            Generation g = new CodeGenerator(s, 3, Escalation.none()).generate("multiply six by seven", Language.PYTHON, model);
            assertThat(g.succeeded()).isTrue();
            assertThat(g.escalated()).isFalse();
            assertThat(g.attempts()).hasSize(3);
            assertThat(g.attempts().get(0).problem()).get().asString().contains("no capability header");
            assertThat(g.attempts().get(1).result().orElseThrow().stderr()).contains("ZeroDivisionError");
            assertThat(g.last().orElseThrow().result().orElseThrow().stdout()).isEqualTo("42\n");
            List<ChatMessage> third = model.seen.get(2);
            assertThat(((UserMessage) third.get(third.size() - 1)).singleText()).contains("ZeroDivisionError");
            assertThat(s.programs().find("multiply-six-by-seven")).get().extracting(p -> p.trust()).isEqualTo(TrustLevel.AI_GENERATED);
        }
    }

    @Test
    void escalatesAfterTheRepairBudgetAndVerifiesTheProposal() {
        ScriptedModel model = new ScriptedModel("```python\n# @requires([])\nraise SystemExit(3)\n```",
                "```python\n# @requires([])\nraise SystemExit(4)\n```");
        List<Attempt> handedOver = new ArrayList<>();
        Escalation cloud = (request, language, failures) -> {
            handedOver.addAll(failures);
            return Optional.of("```python\n# @requires([])\nprint('from the cloud')\n```");
        };
        try (Sandbox s = sandbox()) {
            Generation g = new CodeGenerator(s, 1, cloud).generate("say hello", Language.PYTHON, model);
            assertThat(handedOver).hasSize(2);
            assertThat(g.escalated()).isTrue();
            assertThat(g.succeeded()).isTrue();
            assertThat(g.last().orElseThrow().by()).isEqualTo("escalation");
            assertThat(g.last().orElseThrow().result().orElseThrow().stdout()).isEqualTo("from the cloud\n");
        }
    }

    @Test
    void givesUpWhenNothingWorks() {
        ScriptedModel model = new ScriptedModel("```python\n# @requires([\"bogus:thing\"])\nprint(1)\n```");
        try (Sandbox s = sandbox()) {
            Generation g = new CodeGenerator(s, 0, Escalation.none()).generate("anything", Language.PYTHON, model);
            assertThat(g.succeeded()).isFalse();
            assertThat(g.attempts()).singleElement().satisfies(a -> assertThat(a.feedback()).contains("header is invalid"));
        }
    }
}
