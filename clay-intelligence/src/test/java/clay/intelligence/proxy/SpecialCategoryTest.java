package clay.intelligence.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ClayHome;
import clay.intelligence.model.ModelProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Special-category data (GDPR art. 9) is found in text and never leaves without the user seeing it first. */
class SpecialCategoryTest {
    /** What the assistant puts into a cloud prompt after recalling a memory. */
    static final String RECALLED = "You are Clay.\n\nWhat you remember that may help (cite it when you use it):\n"
            + "- My HIV test came back positive [fact #3, 2026-11-30]\n";

    @TempDir Path dir;
    OpenAiWireServer capture;
    ModelProvider cloud;

    @BeforeEach
    void start() throws Exception {
        capture = new OpenAiWireServer(user -> "noted");
        cloud = new WireProvider("gpt-4o-mini", capture.baseUrl(), false);
    }

    @AfterEach
    void stop() {
        capture.close();
    }

    static List<Span> special(String text) {
        return new SpecialCategoryDetector().detect(Normalized.of(text).text());
    }

    @Test
    void findsHealthReligionOrientationPoliticsUnionEthnicityAndBiometricsSaidAboutSomeone() {
        for (String s : List.of("My HIV test came back positive", "my wife was diagnosed with breast cancer last week",
                "I'm gay and my parents don't know yet", "He has been a union member for years", "I voted for the Greens",
                "Our son is autistic", "I am Muslim and fast during Ramadan", "Maria is pregnant again",
                "She was treated for AIDS in 2019", "my DNA test says I'm 30% Sephardic", "they are Jehovah’s Witnesses",
                "My ethnicity is on the form", "I take insulin twice a day", "my therapist moved her practice",
                "I'm on antidepressants", "My ＨＩＶ result is back")) {
            assertThat(special(s)).as(s).isNotEmpty();
        }
    }

    @Test
    void leavesGeneralQuestionsAndOtherMeaningsAlone() {
        for (String s : List.of("What is diabetes?", "Explain how chemotherapy works.", "The European Union summit ends today.",
                "Fibre aids digestion.", "The wedding is at St. Mary's Church on Saturday.", "List the symptoms of hepatitis.",
                "Summarise the history of the Catholic Church in Spain.", "How do fingerprint readers work?",
                "Write a poem about autumn.", "Which party won the 1998 election?")) {
            assertThat(special(s)).as(s).isEmpty();
        }
    }

    @Test
    void theDefaultPolicyAsksBeforeSpecialCategoryDataLeavesAndUsersMayRelaxIt() throws Exception {
        ProxyPolicy d = ProxyPolicy.defaults();
        assertThat(d.decide("chat", Set.of(DataClass.SPECIAL))).isEqualTo(Decision.ASK);
        assertThat(d.decide("chat", Set.of(DataClass.EMAIL))).isEqualTo(Decision.SEND_REDACTED);
        ObjectMapper json = new ObjectMapper();
        assertThat(ProxyPolicy.fromJson(json.readTree("{\"default\":\"send_redacted\"}")).classes())
                .as("a policy file written before the class existed still asks").containsEntry(DataClass.SPECIAL, Decision.ASK);
        ProxyPolicy relaxed = ProxyPolicy.fromJson(json.readTree("{\"classes\":{\"special\":\"send_redacted\"}}"));
        assertThat(relaxed.decide("chat", Set.of(DataClass.SPECIAL))).isEqualTo(Decision.SEND_REDACTED);
        assertThat(ProxyPolicy.fromJson(relaxed.toJson(json))).isEqualTo(relaxed);
    }

    @Test
    void aRecalledHealthFactWaitsForApprovalAndNeverReachesTheCaptureServerSilently() throws Exception {
        CloudProxy proxy = CloudProxy.open(new ClayHome(dir.resolve("home")).ensure());
        proxy.policy(proxy.policy().withAskTimeout(Duration.ofSeconds(30)));
        ModelProvider proxied = proxy.wrap(cloud);
        ChatRequest request = ChatRequest.builder().messages(SystemMessage.from(RECALLED),
                UserMessage.from("what should I tell my new dentist?")).build();

        // refused: nothing leaves, and with no local model the caller is told why
        CompletableFuture<Object> refused = CompletableFuture.supplyAsync(() -> proxied.chat().chat(request),
                Executors.newVirtualThreadPerTaskExecutor()).handle((r, e) -> e == null ? r : e.getCause());
        Approvals.Pending pending = awaitPending(proxy);
        assertThat(pending.redacted()).containsEntry("special", 1);
        assertThat(pending.outgoing()).contains("My <SPECIAL_1> test came back positive").doesNotContain("HIV");
        assertThat(capture.bodies()).as("nothing left while waiting").isEmpty();
        proxy.approvals().answer(pending.id(), false);
        assertThat(refused.get(30, TimeUnit.SECONDS)).isInstanceOf(CloudRequestDeniedException.class);
        assertThat(capture.bodies()).isEmpty();

        // approved: it leaves as the user saw it, the term itself still a placeholder
        CompletableFuture<String> approved = CompletableFuture.supplyAsync(() -> proxied.chat().chat(request).aiMessage().text(),
                Executors.newVirtualThreadPerTaskExecutor());
        proxy.approvals().answer(awaitPending(proxy).id(), true);
        assertThat(approved.get(30, TimeUnit.SECONDS)).isEqualTo("noted");
        assertThat(capture.bodies()).singleElement().satisfies(b -> assertThat(b).doesNotContain("HIV").contains("<SPECIAL_1>"));
        assertThat(proxy.audit().list(10)).singleElement().satisfies(e -> {
            assertThat(e.approvedBy()).isEqualTo("user");
            assertThat(e.redacted()).containsEntry("special", 1);
        });
    }

    @Test
    void aGeneralHealthQuestionIsNotHeldUp() {
        CloudProxy proxy = CloudProxy.open(new ClayHome(dir.resolve("home")).ensure());
        String answer = proxy.wrap(cloud).chat().chat("What is the difference between type 1 and type 2 diabetes?");
        assertThat(answer).isEqualTo("noted");
        assertThat(capture.bodies()).singleElement().satisfies(b -> assertThat(b).contains("diabetes"));
        assertThatThrownBy(() -> proxy.approvals().pending().getFirst()).isInstanceOf(java.util.NoSuchElementException.class);
    }

    static Approvals.Pending awaitPending(CloudProxy proxy) throws InterruptedException {
        CompletableFuture<Approvals.Pending> seen = new CompletableFuture<>();
        proxy.approvals().onPending(seen::complete);
        proxy.approvals().pending().stream().findFirst().ifPresent(seen::complete);
        try {
            return seen.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no request waited for approval", e);
        }
    }
}
