package clay.intelligence.route;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.Route;
import clay.intelligence.intent.IntentKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterTest {
    final Availability both = Availability.both("qwen-local", 4096, "claude");
    final Router router = new Router(RoutePolicy.defaults(), DecisionLog.inMemory(), Clock.systemUTC());

    Route route(RouteRequest r, Availability av) {
        return router.decide(r, av).route();
    }

    @Test
    void theSeedsDefaultTableHolds() {
        assertThat(route(RouteRequest.of("get_time", IntentKind.OFFLINE), both)).isInstanceOf(Route.None.class);
        assertThat(route(RouteRequest.of("recall", IntentKind.PERSONAL), both)).isInstanceOf(Route.Local.class);
        assertThat(route(RouteRequest.of("translate", IntentKind.SIMPLE), both)).isInstanceOf(Route.Local.class);
        assertThat(route(RouteRequest.of("summarize", IntentKind.SIMPLE).withContextTokens(20_000), both)).isInstanceOf(Route.Cloud.class);
        assertThat(route(RouteRequest.of("answer_question", IntentKind.REASONING).withDifficulty(0.9), both)).isInstanceOf(Route.Cloud.class);
        assertThat(route(RouteRequest.of("create_document", IntentKind.DRAFT), both)).isInstanceOf(Route.Hybrid.class);
        assertThat(route(RouteRequest.of("debug_code", IntentKind.CODE), both)).isInstanceOf(Route.LocalThenEscalate.class);
        assertThat(route(RouteRequest.of("summarize", IntentKind.SIMPLE).withSensitive("a file marked private").withContextTokens(20_000), both))
                .isInstanceOf(Route.Local.class);
    }

    @Test
    void offlineMeansLocalOnlyAndSaysSo() {
        Availability offline = new Availability(Optional.of("qwen-local"), 4096, Optional.of("claude"), false);
        RouteDecision d = router.decide(RouteRequest.of("answer_question", IntentKind.REASONING).withDifficulty(0.9), offline);
        assertThat(d.route()).isInstanceOf(Route.Local.class);
        assertThat(d.route().reason()).contains("offline");
        assertThat(d.factors()).anyMatch(f -> f.contains("cloud cannot be reached"));
        assertThat(d.model()).contains("qwen-local");

        RouteDecision none = router.decide(RouteRequest.of("summarize", IntentKind.SIMPLE), Availability.none());
        assertThat(none.route()).isInstanceOf(Route.None.class);
        assertThat(none.route().reason()).contains("no model configured");
    }

    @Test
    void userPolicyOverridesTheTable() {
        router.policy(RoutePolicy.defaults().withCloud(RoutePolicy.CloudUse.NEVER));
        RouteDecision never = router.decide(RouteRequest.of("create_document", IntentKind.DRAFT), both);
        assertThat(never.route()).isInstanceOf(Route.Local.class);
        assertThat(never.route().reason()).contains("never-cloud");

        router.policy(RoutePolicy.defaults().withCloud(RoutePolicy.CloudUse.ASK));
        RouteDecision ask = router.decide(RouteRequest.of("answer_question", IntentKind.REASONING).withDifficulty(0.95), both);
        assertThat(ask.route()).isInstanceOf(Route.Cloud.class);
        assertThat(ask.needsApproval()).isTrue();

        router.policy(new RoutePolicy(RoutePolicy.CloudUse.ALLOW, 5, 5.2, 0.75));
        RouteDecision broke = router.decide(RouteRequest.of("answer_question", IntentKind.REASONING).withDifficulty(0.95), both);
        assertThat(broke.route()).isInstanceOf(Route.Local.class);
        assertThat(broke.factors()).anyMatch(f -> f.contains("budget used up"));
    }

    @Test
    void withoutALocalModelTheCloudDoesTheWorkButPrivateDataNeedsApproval() {
        Availability cloudOnly = new Availability(Optional.empty(), 0, Optional.of("claude"), true);
        assertThat(route(RouteRequest.of("translate", IntentKind.SIMPLE), cloudOnly)).isInstanceOf(Route.Cloud.class);
        RouteDecision personal = router.decide(RouteRequest.of("recall", IntentKind.PERSONAL), cloudOnly);
        assertThat(personal.route()).isInstanceOf(Route.Cloud.class);
        assertThat(personal.needsApproval()).isTrue();
    }

    @Test
    void aForcedVerificationFailureEscalatesAndTheLogSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        DecisionLog log = new DecisionLog(100, Optional.of(file));
        Router r = new Router(RoutePolicy.defaults(), log, Clock.systemUTC());
        RouteDecision d = r.decide(RouteRequest.of("generate_program", IntentKind.CODE), both);
        assertThat(d.route()).isInstanceOf(Route.LocalThenEscalate.class);

        AtomicReference<String> attached = new AtomicReference<>();
        Checker tests = Checker.codeRuns(code -> code.contains("return a + b") ? null : "test_add failed: expected 3, got -1");
        VerifiedEscalation.Result result = new VerifiedEscalation(log).run(d, () -> "def add(a, b): return a - b", tests,
                Optional.of(failure -> {
                    attached.set(failure);
                    return "def add(a, b): return a + b";
                }));

        assertThat(result.escalated()).isTrue();
        assertThat(result.answer()).contains("a + b");
        assertThat(attached.get()).contains("test_add failed");
        RouteDecision logged = log.find(d.id()).orElseThrow();
        assertThat(logged.outcome().orElseThrow()).contains("escalated to cloud").contains("test_add failed").contains("cloud answer passed");
        assertThat(logged.explain()).contains("LOCAL_THEN_ESCALATE").contains("outcome: escalated");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(new ObjectMapper().readTree(lines.get(1)).path("outcome").asText()).contains("test_add failed");
    }

    @Test
    void aPassingCheckDoesNotEscalate() {
        RouteDecision d = router.decide(RouteRequest.of("generate_program", IntentKind.CODE), both);
        var schema = new ObjectMapper().createObjectNode().put("type", "object");
        schema.putArray("required").add("name");
        VerifiedEscalation.Result ok = new VerifiedEscalation(router.log()).run(d, () -> "{\"name\":\"x\"}",
                Checker.jsonSchema(schema), Optional.of(f -> { throw new AssertionError("must not escalate"); }));
        assertThat(ok.escalated()).isFalse();
        assertThat(router.log().find(d.id()).orElseThrow().outcome()).contains("local answer passed its check");

        RouteDecision d2 = router.decide(RouteRequest.of("generate_program", IntentKind.CODE), both);
        VerifiedEscalation.Result bad = new VerifiedEscalation(router.log()).run(d2, () -> "not json",
                Checker.jsonSchema(schema), Optional.empty());
        assertThat(bad.escalated()).isFalse();
        assertThat(bad.failure().orElseThrow()).startsWith("not JSON");
        assertThat(Checker.citesFiles(List.of("q3.xlsx")).check("see Q3.xlsx").passed()).isTrue();
    }
}
