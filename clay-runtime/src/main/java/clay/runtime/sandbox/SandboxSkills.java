package clay.runtime.sandbox;

import clay.core.ClayException;
import clay.core.InvalidInputException;
import clay.core.TrustLevel;
import clay.runtime.RuntimeContext;
import clay.runtime.skill.Reply;
import clay.runtime.skill.Skill;
import clay.runtime.skill.SkillRequest;
import clay.sandbox.RunResult;
import clay.sandbox.Sandbox;
import clay.sandbox.generate.CodeGenerator;
import clay.sandbox.generate.Escalation;
import clay.sandbox.generate.Generation;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The skills behind {@code generate_program} (write, check, run, repair, escalate) and {@code run_code} (a kept
 * program by name, a file, or a snippet). Both run AI-generated code; approval requests go to the canvas.
 */
final class SandboxSkills {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxSkills() {}

    static Skill generate(Sandbox sandbox) {
        return req -> {
            RuntimeContext ctx = req.runtime();
            String model = ctx.models().defaultName().orElseThrow(() -> new ClayException(
                    "no model configured to write programs", "add one with clay models add NAME FILE.gguf"));
            Language language = Language.parse(param(req, "language", "python"));
            req.out().accept("Writing a " + language.wireName() + " program…\n");
            Generation g = new CodeGenerator(sandbox, 2, ctx.service(Escalation.class).orElse(Escalation.none()))
                    .generate(req.utterance().text(), language, ctx.models().get(model));
            if (g.succeeded()) {
                RunResult r = g.last().orElseThrow().result().orElseThrow();
                String name = g.program().map(Program::name).orElse("program");
                return reply("Saved as " + name + " (" + g.attempts().size() + " attempt" + (g.attempts().size() == 1 ? "" : "s")
                        + (g.escalated() ? ", escalated" : "") + ").\n" + r.stdout(), r, "LOCAL", "generated and verified in the sandbox");
            }
            String last = g.last().map(a -> a.feedback()).orElse("");
            return new Reply("I could not write a working program after " + g.attempts().size() + " attempts. Last problem: " + last,
                    List.of(), Map.of(), "LOCAL", "generation failed verification");
        };
    }

    static Skill run(Sandbox sandbox) {
        return req -> {
            Program p = program(sandbox, req);
            TrustLevel trust = sandbox.programs().find(p.name()).filter(sp -> sp.hash().equals(p.hash()))
                    .map(sp -> sp.trust()).orElse(TrustLevel.AI_GENERATED);
            RunResult r = sandbox.run(p, trust);
            return reply(r.succeeded() ? r.stdout() : r.stdout() + "\n" + r.summary(), r, "NONE", "ran " + p.name() + " in the sandbox");
        };
    }

    private static Program program(Sandbox sandbox, SkillRequest req) {
        String code = param(req, "code", "");
        if (!code.isBlank()) return Program.of("snippet", Language.parse(param(req, "language", "python")), code);
        Object files = req.intent().parameters().get("file_names");
        List<String> names = new ArrayList<>();
        if (files instanceof List<?> l) l.forEach(o -> names.add(String.valueOf(o)));
        for (String n : names) {
            if (sandbox.programs().find(n).isPresent()) return sandbox.programs().load(n);
            Path f = Path.of(n.startsWith("~/") ? System.getProperty("user.home") + n.substring(1) : n);
            if (Files.isRegularFile(f)) return Program.read(f);
        }
        throw new InvalidInputException("which program should I run?", "name a kept program (clay programs list) or a file path");
    }

    private static Reply reply(String text, RunResult r, String route, String reason) {
        List<JsonNode> surfaces = new ArrayList<>();
        for (String s : r.surfaces()) {
            try {
                surfaces.add(JSON.readTree(s));
            } catch (Exception e) {
                // a malformed surface line stays out of the canvas
            }
        }
        return new Reply(text, surfaces, Map.of("outcome", r.outcome().name().toLowerCase(), "exit_code", r.exitCode(),
                "denials", r.denials()), route, reason);
    }

    private static String param(SkillRequest req, String name, String fallback) {
        Object v = req.intent().parameters().get(name);
        return v == null || String.valueOf(v).isBlank() ? fallback : String.valueOf(v);
    }
}
