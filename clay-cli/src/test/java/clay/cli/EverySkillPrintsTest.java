package clay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayException;
import clay.core.ClayHome;
import clay.core.Utterance;
import clay.runtime.Assistant;
import clay.runtime.ClayRuntime;
import clay.runtime.api.ApiServer;
import clay.runtime.config.ClayConfig;
import clay.runtime.skill.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code clay ask} prints a non-empty line for every skill: the in-process path of {@link AskCommand} (a runtime in
 * this JVM, streamed text, else {@link Replies#visible}) on one sentence per skill, with no model configured.
 */
class EverySkillPrintsTest {
    @TempDir static Path dir;
    static ClayRuntime rt;
    static Map<String, String> sentences;

    @BeforeAll
    static void boot() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "");
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("a.txt"), "the old budget\n");
        Files.writeString(docs.resolve("b.txt"), "the new budget\n");
        Files.writeString(docs.resolve("sales.csv"), "month,sold\njan,3\nfeb,5\n");
        Files.writeString(docs.resolve("hello.py"), "print('hi')\n");
        rt = ClayRuntime.create(s -> s.home(new ClayHome(dir.resolve("home"))).config(ClayConfig.load(cfg)).api(false));
        rt.awaitModules();
        sentences = new LinkedHashMap<>();
        sentences.put("get_time", "what time is it");
        sentences.put("get_date", "what's the date today");
        sentences.put("system_status", "system status");
        sentences.put("settings", "open settings");
        sentences.put("help", "help");
        sentences.put("remember", "remember that my dentist is Dr. Ames");
        sentences.put("recall", "what do you remember about me");
        sentences.put("forget", "forget my dentist");
        sentences.put("find_files", "find the invoice from last week");
        sentences.put("compare_documents", "compare " + docs.resolve("a.txt") + " and " + docs.resolve("b.txt"));
        sentences.put("show_data", "chart " + docs.resolve("sales.csv"));
        sentences.put("open_document", "open " + docs.resolve("a.txt"));
        sentences.put("generate_program", "write a python script that renames photos by date");
        sentences.put("run_code", "run " + docs.resolve("hello.py"));
        sentences.put("confirm_action", "");
    }

    @AfterAll
    static void stop() {
        rt.close();
    }

    static Stream<String> skills() {
        return Stream.of("get_time", "get_date", "system_status", "settings", "help", "remember", "recall", "forget",
                "find_files", "compare_documents", "show_data", "open_document", "generate_program", "run_code");
    }

    @Test
    void everyRegisteredSkillHasASentenceHere() {
        assertThat(sentences.keySet()).containsAll(rt.context().skills().intents());
    }

    @ParameterizedTest
    @MethodSource("skills")
    void clayAskPrintsANonEmptyLine(String skill) {
        StringBuilder streamed = new StringBuilder();
        String printed;
        try {
            Reply r = rt.assistant().ask(Utterance.text(sentences.get(skill)), new Assistant.Options(java.util.Optional.empty(), false),
                    streamed::append, () -> false);
            JsonNode json = ApiServer.JSON.valueToTree(ApiServer.replyJson(r));
            printed = streamed.isEmpty() ? Replies.visible(json) : streamed.toString();
        } catch (ClayException e) {
            printed = "error: " + e.getMessage() + e.fix().map(f -> "\nfix: " + f).orElse(""); // what the CLI prints then
        }
        assertThat(printed.lines().filter(l -> !l.isBlank())).as("'%s' printed: %s", sentences.get(skill), printed).isNotEmpty();
    }

    @Test
    void aDestructiveAnswerAsksOnATerminalAndWithoutOneDoesNothingAndSaysHow() throws Exception {
        rt.assistant().ask(Utterance.text("remember that my locker code is 4312"), Assistant.Options.defaults(), t -> {}, () -> false);
        Replies.Confirmer confirmer = (id, yes) -> {
            try {
                return ApiServer.JSON.valueToTree(ApiServer.replyJson(rt.assistant().confirmations().answer(id, yes)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        java.util.List<String> printed = new java.util.ArrayList<>();
        java.util.List<String> prompts = new java.util.ArrayList<>();

        Replies.confirm(askJson("forget my locker code"), confirmer, false, printed::add, p -> { throw new AssertionError("asked without a terminal"); });
        assertThat(String.join("\n", printed)).contains("Nothing was removed", "clay memory forget --about 'locker code'");
        assertThat(lockerFacts()).isEqualTo(1);

        printed.clear();
        Replies.confirm(askJson("forget my locker code"), confirmer, true, printed::add, p -> { prompts.add(p); return "n"; });
        assertThat(prompts).singleElement().asString().startsWith("Remove 2 memories about locker code? [y/N]");
        assertThat(printed).containsExactly("Nothing was removed.");
        assertThat(lockerFacts()).isEqualTo(1);

        printed.clear();
        Replies.confirm(askJson("forget my locker code"), confirmer, true, printed::add, p -> "yes");
        assertThat(printed.get(0)).startsWith("Forgotten: 2");
        assertThat(lockerFacts()).isZero();
    }

    private static JsonNode askJson(String text) {
        Reply r = rt.assistant().ask(Utterance.text(text), Assistant.Options.defaults(), t -> {}, () -> false);
        return ApiServer.JSON.valueToTree(ApiServer.replyJson(r));
    }

    private static long lockerFacts() {
        return rt.context().service(clay.memory.Memory.class).orElseThrow().facts().all().stream().filter(f -> f.text().contains("4312")).count();
    }
}
