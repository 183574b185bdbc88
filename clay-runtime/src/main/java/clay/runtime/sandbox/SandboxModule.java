package clay.runtime.sandbox;

import clay.core.ClayException;
import clay.core.InvalidInputException;
import clay.core.TrustLevel;
import clay.runtime.ApiRoutes;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import clay.sandbox.RunResult;
import clay.sandbox.Sandbox;
import clay.sandbox.SandboxPolicy;
import clay.sandbox.approval.ApprovalRequest;
import clay.sandbox.approval.Decision;
import clay.sandbox.approval.PendingApprovals;
import clay.sandbox.audit.AuditEvent;
import clay.sandbox.generate.CodeGenerator;
import clay.sandbox.generate.Escalation;
import clay.sandbox.generate.Generation;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import clay.sandbox.program.StoredProgram;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Boots the {@link Sandbox} with the canvas's approver ({@link PendingApprovals}) and serves:
 * {@code GET /api/programs}, {@code GET /api/programs/{name}}, {@code POST /api/programs/{name}/run|approve|revoke|promote},
 * {@code POST /api/programs/generate}, {@code GET /api/approvals}, {@code POST /api/approvals/{id}} with
 * {@code {"decision":"once|always|never"}}, and {@code GET /api/audit?limit=&program=}.
 */
public final class SandboxModule implements RuntimeModule {
    /** Probes the machine's sandbox backends (bwrap, runsc, cgroups): boot does not wait for it. */
    @Override
    public boolean background() {
        return true;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    private PendingApprovals pending;
    private RuntimeBrokerHost brokerHost;
    private RuntimeContext ctx;

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public void start(RuntimeContext ctx) {
        this.ctx = ctx;
        long timeout = ctx.config().section("sandbox").path("approval_timeout_seconds").asLong(300);
        pending = new PendingApprovals(Duration.ofSeconds(timeout));
        var cfg = ctx.config().section("sandbox");
        int slots = cfg.path("max_concurrent_runs").asInt(SandboxPolicy.defaultConcurrentRuns());
        long slotWait = cfg.path("slot_wait_seconds").asLong(300);
        sandbox = Sandbox.create(SandboxPolicy.defaults(ctx.home()).withApprover(pending)
                .withMaxConcurrentRuns(slots, Duration.ofSeconds(slotWait)));
        brokerHost = new RuntimeBrokerHost(ctx.models(), System.getenv());
        sandbox.brokerHost(brokerHost);
        ctx.provide(Sandbox.class, sandbox);
        if (ctx.service(Escalation.class).isEmpty()) ctx.provide(Escalation.class, new CloudEscalation(ctx.models()));
        ctx.provide(PendingApprovals.class, pending);
        ctx.service(clay.runtime.ApprovalDesk.class).orElseThrow().add(new clay.runtime.ApprovalDesk.Source() {
            @Override public String kind() { return "program"; }

            @Override public List<Map<String, Object>> pending() {
                return pending.pending().stream().map(SandboxModule::view).toList();
            }

            @Override public boolean answer(String id, JsonNode body) {
                if (pending.pending().stream().noneMatch(r -> r.id().equals(id))) return false;
                pending.answer(id, Decision.parse(body.path("decision").asText("")));
                return true;
            }
        });
        ctx.skills().register("generate_program", SandboxSkills.generate(sandbox));
        ctx.skills().register("run_code", SandboxSkills.run(sandbox));
    }

    @Override
    public void routes(ApiRoutes api) {
        api.get("/api/programs", c -> c.json(Map.of("programs", sandbox.programs().list().stream().map(SandboxModule::view).toList())));
        api.get("/api/programs/{name}", c -> {
            StoredProgram sp = sandbox.programs().require(c.pathParam("name"));
            Program p = sandbox.programs().load(sp.name());
            Map<String, Object> m = view(sp);
            // the hash of exactly the source shown: approving sends it back, and a different program is refused
            m.put("hash", p.hash());
            m.put("changed_on_disk", !p.hash().equals(sp.hash()));
            m.put("source", p.source());
            m.put("history", sandbox.programs().history(sp.name(), 20));
            m.put("approval", sandbox.gatekeeper().decisionFor(p).map(Decision::wireName).orElse("ask"));
            c.json(m);
        });
        api.post("/api/programs/generate", this::generate);
        api.post("/api/programs/{name}/run", c -> {
            StoredProgram sp = sandbox.programs().require(c.pathParam("name"));
            c.json(result(sandbox.run(sandbox.programs().load(sp.name()), sp.trust())));
        });
        api.post("/api/programs/{name}/approve", c -> {
            JsonNode b = body(c);
            Program p = reviewed(c.pathParam("name"), b);
            Decision d = Decision.parse(b.path("decision").asText("always"));
            sandbox.gatekeeper().approve(p, d);
            c.json(Map.of("program", p.name(), "hash", p.hash(), "decision", d.wireName()));
        });
        api.post("/api/programs/{name}/revoke", c -> {
            StoredProgram sp = sandbox.programs().require(c.pathParam("name"));
            int n = sandbox.gatekeeper().revoke(sp.name()) + sandbox.gatekeeper().revoke(sp.hash());
            if (sp.trust() == TrustLevel.USER_APPROVED) sandbox.programs().setTrust(sp.name(), TrustLevel.AI_GENERATED);
            c.json(Map.of("program", sp.name(), "revoked", n));
        });
        api.post("/api/programs/{name}/promote", c -> {
            Program p = reviewed(c.pathParam("name"), body(c));
            sandbox.gatekeeper().approve(p, Decision.ALWAYS);
            c.json(view(sandbox.programs().setTrust(c.pathParam("name"), TrustLevel.USER_APPROVED)));
        });
        api.get("/api/notifications", c -> c.json(Map.of("notifications", brokerHost.recent().stream()
                .map(n -> Map.of("at", n.at().toString(), "program", n.program(), "title", n.title(), "body", n.body())).toList())));
        api.get("/api/audit", c -> {
            int limit = Optional.ofNullable(c.queryParam("limit")).map(Integer::parseInt).orElse(50);
            List<AuditEvent> events = sandbox.audit().recent(limit, Optional.ofNullable(c.queryParam("program")), Optional.empty());
            c.json(Map.of("events", events.stream().map(e -> Map.of("at", e.at().toString(), "program", e.program(),
                    "hash", e.hash(), "kind", e.kind().name().toLowerCase(), "detail", e.detail())).toList()));
        });
    }

    private void generate(Context c) {
        JsonNode b = body(c);
        String request = b.path("request").asText("");
        Language language = Language.parse(b.path("language").asText("python"));
        String model = b.path("model").asText(ctx.models().defaultName().orElseThrow(() -> new ClayException(
                "no model configured to write programs", "add one with clay models add NAME FILE.gguf")));
        Generation g = new CodeGenerator(sandbox, b.path("repairs").asInt(2), ctx.service(Escalation.class).orElse(Escalation.none()))
                .generate(request, language, ctx.models().get(model));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("succeeded", g.succeeded());
        m.put("escalated", g.escalated());
        m.put("program", g.program().map(Program::name).orElse(null));
        m.put("attempts", g.attempts().stream().map(a -> Map.of("by", a.by(), "source", a.source(), "feedback", a.feedback())).toList());
        g.last().flatMap(a -> a.result()).ifPresent(r -> m.put("result", result(r)));
        c.json(m);
    }

    /**
     * The program as it is on disk now, provided its hash is the one the client reviewed ({@code "hash"} in the body,
     * as {@code GET /api/programs/{name}} showed it): an approval is for code someone saw, never for whatever is on
     * disk at click time.
     */
    private Program reviewed(String name, JsonNode body) {
        String seen = body.path("hash").asText("");
        if (!seen.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException("say which code you approve: send the \"hash\" GET /api/programs/" + name + " showed",
                    "send {\"decision\":\"always\",\"hash\":\"<64 hex digits>\"}");
        }
        Program p = sandbox.programs().load(name);
        if (!p.hash().equals(seen)) {
            throw new InvalidInputException("program " + name + " changed since it was shown (sha256 " + p.shortHash()
                    + ", not " + seen.substring(0, 12) + "); nothing was approved", "look at it again, then approve that hash");
        }
        return p;
    }

    private static JsonNode body(Context c) {
        try {
            String s = c.body();
            return s.isBlank() ? JSON.createObjectNode() : JSON.readTree(s);
        } catch (Exception e) {
            throw new InvalidInputException("the request body is not JSON", "send {\"decision\":\"once\"}");
        }
    }

    static Map<String, Object> view(StoredProgram sp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", sp.name());
        m.put("language", sp.language().wireName());
        m.put("hash", sp.hash());
        m.put("trust", sp.trust().name().toLowerCase().replace('_', '-'));
        m.put("capabilities", sp.capabilities());
        m.put("request", sp.request());
        m.put("updated", sp.updated().toString());
        return m;
    }

    static Map<String, Object> view(ApprovalRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("program", r.program().name());
        m.put("language", r.program().language().wireName());
        m.put("hash", r.program().hash());
        m.put("trust", r.trust().name().toLowerCase().replace('_', '-'));
        m.put("capabilities", r.capabilities().stream().map(Object::toString).toList());
        m.put("source", r.program().source());
        m.put("imports", r.imports());
        m.put("asked", r.asked().toString());
        return m;
    }

    static Map<String, Object> result(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome().name().toLowerCase());
        m.put("exit_code", r.exitCode());
        m.put("stdout", r.stdout());
        m.put("stderr", r.stderr());
        m.put("elapsed_ms", r.elapsed().toMillis());
        m.put("backend", r.backend().name().toLowerCase());
        m.put("denials", r.denials());
        m.put("surfaces", r.surfaces());
        return m;
    }

    @Override
    public void close() {
        if (sandbox != null) sandbox.close();
    }
}
