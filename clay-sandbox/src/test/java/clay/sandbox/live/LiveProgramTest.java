package clay.sandbox.live;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayHome;
import clay.core.TrustLevel;
import clay.sandbox.BackendKind;
import clay.sandbox.Limits;
import clay.sandbox.Sandbox;
import clay.sandbox.SandboxFixtureAccess;
import clay.sandbox.SandboxPolicy;
import clay.sandbox.approval.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveProgramTest {
    @TempDir Path dir;

    @Test
    void restartsOnChangeKeepingTheSurfaceId() throws Exception {
        SandboxFixtureAccess.requireBubblewrap();
        SandboxPolicy p = SandboxPolicy.defaults(new ClayHome(dir.resolve("home")).ensure()).withApprover(r -> Decision.ONCE)
                .withBackends(TrustLevel.AI_GENERATED, List.of(BackendKind.BUBBLEWRAP));
        Path src = Files.createDirectories(dir.resolve("src")).resolve("clock.py");
        Files.writeString(src, program("v1"));
        List<LiveProgram.Output> out = new CopyOnWriteArrayList<>();
        Limits limits = Limits.defaults().withWallTime(Duration.ofMinutes(2));
        try (Sandbox s = Sandbox.create(p);
                LiveProgram live = LiveProgram.start(s, src, TrustLevel.AI_GENERATED, p.approver(), "surface-7", limits, out::add)) {
            await(out, o -> o.line().equals("v1"));
            Files.writeString(src, program("v2"));
            await(out, o -> o.line().equals("v2"));
            assertThat(live.generation()).isEqualTo(2);
            Files.writeString(src, "# @requires([\"bogus\"])\n");
            await(out, LiveProgram.Output::error);
            assertThat(out).allMatch(o -> o.surfaceId().equals("surface-7"));
            assertThat(out.stream().filter(o -> o.line().equals("v2"))).allMatch(o -> o.generation() == 2);
        }
    }

    static String program(String tag) {
        return "import time\nwhile True:\n    print('" + tag + "', flush=True)\n    time.sleep(0.2)\n";
    }

    static void await(List<LiveProgram.Output> out, Predicate<LiveProgram.Output> p) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (out.stream().anyMatch(p)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no matching output in 15 s: " + out);
    }
}
