package clay.intelligence.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ClayHome;
import clay.intelligence.model.ModelProvider;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudProxyTest {
    private static final String PERSONAL = "Write a short reply to Maria Gonzalez (maria.gonzalez@example.org, +49 30 1234 5678) "
            + "confirming the lease for Hauptstraße 5, 10115 Berlin. My card is 4111 1111 1111 1111.";

    @TempDir Path dir;
    private OpenAiWireServer cloudServer;
    private OpenAiWireServer localServer;
    private ClayHome home;
    private ModelProvider cloud;
    private ModelProvider local;

    @BeforeEach
    void start() throws Exception {
        cloudServer = new OpenAiWireServer(user -> "Done. Dear " + first(user, "PERSON") + ", I wrote to " + first(user, "EMAIL") + ".");
        localServer = new OpenAiWireServer(user -> "local answer: " + user);
        home = new ClayHome(dir.resolve("home")).ensure();
        cloud = new WireProvider("gpt-4o-mini", cloudServer.baseUrl(), false);
        local = new WireProvider("qwen-local", localServer.baseUrl(), true);
    }

    @AfterEach
    void stop() {
        cloudServer.close();
        localServer.close();
    }

    /** The first placeholder of a class in what the server received, so its answer uses placeholders as a model would. */
    private static String first(String text, String type) {
        var m = java.util.regex.Pattern.compile("<" + type + "_\\d+>").matcher(text);
        return m.find() ? m.group() : "nobody";
    }

    @Test
    void personalDataLeavesAsPlaceholdersOnlyAndTheAnswerIsRestored() {
        CloudProxy proxy = CloudProxy.open(home);
        ModelProvider proxied = proxy.wrap(cloud);

        String answer = proxied.chat().chat(PERSONAL);

        assertThat(cloudServer.bodies()).hasSize(1);
        String sent = cloudServer.bodies().get(0);
        assertThat(sent).doesNotContain("Maria", "Gonzalez", "maria.gonzalez", "1234 5678", "Hauptstraße", "4111")
                .contains("<PERSON_1>", "<EMAIL_1>", "<PHONE_1>", "<ADDRESS_1>", "<CARD_1>");
        assertThat(answer).isEqualTo("Done. Dear Maria Gonzalez, I wrote to maria.gonzalez@example.org.");
        assertThat(proxied).isInstanceOf(ProxiedProvider.class);
        assertThat(proxied.local()).isFalse();
        assertThat(proxy.wrap(local)).isSameAs(local);
    }

    @Test
    void streamedAnswerIsRestoredEvenWhenPlaceholdersAreSplitAcrossChunks() throws Exception {
        ModelProvider proxied = CloudProxy.open(home).wrap(cloud);
        StringBuilder shown = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        proxied.streaming().chat(PERSONAL, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String chunk) {
                assertThat(chunk).doesNotContain("<PERSON", "<EMAIL");
                shown.append(chunk);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(30, TimeUnit.SECONDS);
        assertThat(shown.toString()).isEqualTo("Done. Dear Maria Gonzalez, I wrote to maria.gonzalez@example.org.");
        assertThat(response.aiMessage().text()).isEqualTo(shown.toString());
        assertThat(cloudServer.bodies().get(0)).doesNotContain("Maria").containsPattern("\"stream\"\\s*:\\s*true");
    }

    @Test
    void askBlocksUntilTheUserApprovesAndShowsExactlyWhatWouldLeave() throws Exception {
        CloudProxy proxy = CloudProxy.open(home);
        proxy.policy(proxy.policy().withDefault(Decision.ASK));
        ModelProvider proxied = proxy.wrap(cloud);
        AtomicReference<Approvals.Pending> pushed = new AtomicReference<>();
        proxy.approvals().onPending(pushed::set);

        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> proxied.chat().chat(PERSONAL),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        Approvals.Pending pending = awaitPending(proxy);

        assertThat(answer).isNotDone();
        assertThat(cloudServer.bodies()).isEmpty();
        assertThat(pushed.get()).isEqualTo(pending);
        assertThat(pending.outgoing()).contains("<PERSON_1>", "<EMAIL_1>").doesNotContain("Maria", "example.org");
        assertThat(pending.redacted()).containsEntry("person", 1).containsEntry("email", 1);

        assertThat(proxy.approvals().answer(pending.id(), true)).isTrue();
        assertThat(answer.get(30, TimeUnit.SECONDS)).contains("Maria Gonzalez");
        assertThat(cloudServer.bodies()).hasSize(1);
        assertThat(proxy.approvals().pending()).isEmpty();
        assertThat(proxy.audit().list(10)).singleElement().satisfies(e -> assertThat(e.approvedBy()).isEqualTo("user"));

        assertThat(proxied.chat().chat(PERSONAL)).as("a cached answer leaves nothing, so it is not asked about").contains("Maria");
        assertThat(proxy.approvals().pending()).isEmpty();
        assertThat(cloudServer.bodies()).hasSize(1);
    }

    @Test
    void aDenialOrSilenceFallsBackToTheLocalModelAndNothingLeaves() throws Exception {
        CloudProxy proxy = CloudProxy.open(home, CloudProxy.Options.defaults().withLocal(local));
        proxy.policy(proxy.policy().withDefault(Decision.ASK).withAskTimeout(Duration.ofMillis(300)));
        ModelProvider proxied = proxy.wrap(cloud);

        String timedOut = proxied.chat().chat("Summarise my notes about Priya Sharma");
        assertThat(timedOut).startsWith("local answer: ").contains("Priya Sharma");

        CompletableFuture<String> denied = CompletableFuture.supplyAsync(() -> proxied.chat().chat("Hello from Tom"),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        proxy.approvals().answer(awaitPending(proxy).id(), false);
        assertThat(denied.get(30, TimeUnit.SECONDS)).startsWith("local answer: ");

        assertThat(cloudServer.bodies()).isEmpty();
        assertThat(localServer.bodies()).hasSize(2);
        assertThat(proxy.audit().list(10)).isEmpty();
    }

    @Test
    void neverPerDataClassWithoutALocalModelRefusesWithAFix() {
        CloudProxy proxy = CloudProxy.open(home);
        proxy.policy(proxy.policy().withClass(DataClass.SECRET, Decision.NEVER));
        ModelProvider proxied = proxy.wrap(cloud);

        assertThatThrownBy(() -> proxied.chat().chat("Why does login fail? password: Hunter2!x"))
                .isInstanceOf(CloudRequestDeniedException.class)
                .satisfies(e -> assertThat(((CloudRequestDeniedException) e).fix()).isPresent());
        assertThat(proxied.chat().chat("What is the capital of Australia?")).isNotBlank();
        assertThat(cloudServer.bodies()).hasSize(1);
    }

    @Test
    void perIntentPolicyCanSendUnredacted() {
        CloudProxy proxy = CloudProxy.open(home);
        proxy.policy(proxy.policy().withIntent("translate", Decision.SEND));
        ProxiedProvider proxied = (ProxiedProvider) proxy.wrap(cloud);

        proxied.with(Call.of("translate", "long text")).chat().chat("Translate: Maria Gonzalez lives here");
        proxied.with(Call.of("draft_letter", "quality")).chat().chat("Draft: Maria Gonzalez lives here");

        assertThat(cloudServer.bodies().get(0)).contains("Maria Gonzalez");
        assertThat(cloudServer.bodies().get(1)).doesNotContain("Maria");
        assertThat(CloudProxy.open(home).policy().intents()).containsEntry("translate", Decision.SEND);
    }

    @Test
    void aCachedAnswerDoesNotReachTheServerAgainUnlessBypassedOrExpired() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
        CloudProxy proxy = CloudProxy.open(home, CloudProxy.Options.defaults().withClock(clock).withCache(Duration.ofHours(1), 1 << 20));
        ProxiedProvider proxied = (ProxiedProvider) proxy.wrap(cloud);

        String first = proxied.chat().chat(PERSONAL);
        String second = proxied.chat().chat(PERSONAL);
        assertThat(second).isEqualTo(first);
        assertThat(cloudServer.bodies()).hasSize(1);

        proxied.with(Call.chat().withoutCache()).chat().chat(PERSONAL);
        assertThat(cloudServer.bodies()).hasSize(2);

        clock.advance(Duration.ofHours(2));
        proxied.chat().chat(PERSONAL);
        assertThat(cloudServer.bodies()).hasSize(3);
        assertThat(proxy.audit().list(10)).hasSize(3);
    }

    @Test
    void cachedFilesHoldPlaceholdersAndTheCacheStaysUnderItsSizeLimit() throws Exception {
        CloudProxy proxy = CloudProxy.open(home, CloudProxy.Options.defaults().withCache(Duration.ofDays(1), 600));
        ModelProvider proxied = proxy.wrap(cloud);
        for (int i = 0; i < 5; i++) proxied.chat().chat(PERSONAL + " Request " + i);

        long[] stats = proxy.cache().stats();
        assertThat(stats[1]).isLessThanOrEqualTo(600);
        try (var files = Files.list(home.cache().resolve("proxy"))) {
            for (Path f : files.toList()) assertThat(Files.readString(f)).doesNotContain("Maria", "example.org");
        }
    }

    @Test
    void theAuditLogRecordsEveryRequestThatLeftWithoutTheValues() throws Exception {
        CloudProxy proxy = CloudProxy.open(home);
        ProxiedProvider proxied = (ProxiedProvider) proxy.wrap(cloud);
        proxied.with(Call.of("draft_letter", "long document, needs a strong model")).chat().chat(PERSONAL);

        AuditLog.Entry e = proxy.audit().list(10).get(0);
        assertThat(e.model()).isEqualTo("gpt-4o-mini");
        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.intent()).isEqualTo("draft_letter");
        assertThat(e.reason()).isEqualTo("long document, needs a strong model");
        assertThat(e.decision()).isEqualTo("send_redacted");
        assertThat(e.redacted()).containsEntry("person", 1).containsEntry("email", 1).containsEntry("card", 1);
        assertThat(e.inputTokens()).isEqualTo(21);
        assertThat(e.outputTokens()).isEqualTo(13);
        assertThat(e.costUsd()).isPositive();
        assertThat(e.requestChars()).isPositive();
        assertThat(e.outcome()).isEqualTo("ok");
        assertThat(e.at()).isNotNull();
        assertThat(Files.readString(proxy.audit().file())).doesNotContain("Maria", "example.org", "4111");
        assertThat(Files.getPosixFilePermissions(proxy.audit().file())).hasToString("[OWNER_READ, OWNER_WRITE]");

        Path export = dir.resolve("audit.json");
        proxy.audit().export(export);
        assertThat(Files.readString(export)).contains("draft_letter");
        assertThat(proxy.audit().wipe()).isEqualTo(1);
        assertThat(proxy.audit().list(10)).isEmpty();
    }

    @Test
    void placeholdersStayStableAcrossTheTurnsOfAConversation() {
        CloudProxy proxy = CloudProxy.open(home);
        ProxiedProvider proxied = ((ProxiedProvider) proxy.wrap(cloud)).with(Call.chat().inConversation("c1"));
        proxied.chat().chat(UserMessage.from("Tom Becker and Priya Sharma need the report"));
        proxied.chat().chat(UserMessage.from("Tom Becker and Priya Sharma need the report"),
                AiMessage.from("Sure."), UserMessage.from("Also tell Priya Sharma that Tom Becker is away"));

        assertThat(cloudServer.bodies().get(1)).contains("Also tell <PERSON_2> that <PERSON_1> is away");
    }

    @Test
    void allowAndDenyListsChangeWhatIsRedacted() {
        CloudProxy proxy = CloudProxy.open(home);
        proxy.policy(proxy.policy().withAllow(Set.of("Maria Gonzalez")).withDeny(Map.of("Project Falcon", DataClass.PRIVATE)));
        proxy.wrap(cloud).chat().chat("Maria Gonzalez leads project falcon with Tom Becker");

        assertThat(cloudServer.bodies().get(0)).contains("Maria Gonzalez", "<PRIVATE_1>", "<PERSON_1>")
                .doesNotContain("falcon", "Tom Becker");
    }

    @Test
    void theLocalModelFindsWhatTheRulesMissAndItsOutputIsOnlyTrustedVerbatim() throws Exception {
        try (OpenAiWireServer detector = new OpenAiWireServer(user -> user.contains("zorblax")
                ? "{\"items\":[{\"text\":\"zorblax\",\"type\":\"person\"},{\"text\":\"not in the text\",\"type\":\"person\"},"
                        + "{\"text\":\"the\",\"type\":\"person\"}]}"
                : "no json here")) {
            ModelProvider localDetector = new WireProvider("qwen-local", detector.baseUrl(), true);
            CloudProxy proxy = CloudProxy.open(home, CloudProxy.Options.defaults().withLocal(localDetector).withModelRedaction(true));
            proxy.wrap(cloud).chat().chat("the report from zorblax is late");
            proxy.wrap(cloud).chat().chat("summarise the report");

            assertThat(cloudServer.bodies().get(0)).contains("the report from <PERSON_1> is late").doesNotContain("zorblax");
            assertThat(cloudServer.bodies().get(1)).contains("summarise the report");
            assertThat(detector.bodies()).hasSize(2);
        }
    }

    private static Approvals.Pending awaitPending(CloudProxy proxy) throws InterruptedException {
        for (int i = 0; i < 3000 && proxy.approvals().pending().isEmpty(); i++) Thread.sleep(10);
        assertThat(proxy.approvals().pending()).hasSize(1);
        return proxy.approvals().pending().get(0);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
