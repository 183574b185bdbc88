package clay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ClayHome;
import clay.core.TrustLevel;
import clay.sandbox.approval.Decision;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flood of runs (as a page or /v1 client asking for run after run would send) never has more alive than the cap. */
class RunSlotsTest {
    @TempDir Path dir;

    private Sandbox sandbox(int slots, Duration wait) {
        SandboxFixture.requireBackend(BackendKind.BUBBLEWRAP);
        return Sandbox.create(SandboxPolicy.defaults(new ClayHome(dir.resolve("home")).ensure())
                .withLimits(SandboxFixture.small()).withApprover(r -> Decision.ONCE).withMaxConcurrentRuns(slots, wait));
    }

    @Test
    void moreRunsThanSlotsQueueAndAllFinish() throws Exception {
        int cap = 2, runs = 5;
        // each run holds its slot until the test has seen the queue: it waits for a file the test creates
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path gate = java.nio.file.Files.createDirectories(dir.resolve("gate"));
        java.nio.file.Files.setPosixFilePermissions(gate, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String source = SandboxFixture.requires("read:" + gate) + """
                import os, time
                for i in range(700):
                    if os.path.exists('%s/open'): break
                    time.sleep(0.01)
                print('done')
                """.formatted(gate);
        List<String> statuses = new CopyOnWriteArrayList<>();
        AtomicInteger maxBusy = new AtomicInteger();
        try (Sandbox s = sandbox(cap, Duration.ofMinutes(1)); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RunResult>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Program p = Program.of("flood" + i + ".py", Language.PYTHON, source);
                results.add(pool.submit(() -> {
                    try (Started st = s.start(p, TrustLevel.AI_GENERATED, s.policy().approver(), null, s.policy().limits(),
                            statuses::add)) {
                        maxBusy.accumulateAndGet(s.busyRuns(), Math::max);
                        return st.await();
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (s.waitingRuns() < runs - cap && System.nanoTime() < deadline) Thread.onSpinWait();
            assertThat(s.waitingRuns()).as("runs waiting for a slot").isEqualTo(runs - cap);
            assertThat(s.busyRuns()).isEqualTo(cap);
            java.nio.file.Files.writeString(gate.resolve("open"), "");
            for (Future<RunResult> f : results) assertThat(f.get(60, TimeUnit.SECONDS).stdout()).contains("done");
            assertThat(maxBusy.get()).isLessThanOrEqualTo(cap);
            assertThat(statuses).hasSize(runs - cap).allMatch(m -> m.contains("waiting for a free sandbox slot"));
            assertThat(s.busyRuns()).isZero();
        }
    }

    @Test
    void aRunThatCannotGetASlotInTimeIsRefusedClearly() throws Exception {
        try (Sandbox s = sandbox(1, Duration.ofMillis(300))) {
            Program slow = Program.of("slow.py", Language.PYTHON, "import time\nprint('up', flush=True)\ntime.sleep(30)\n");
            CopyOnWriteArrayList<String> lines = new CopyOnWriteArrayList<>();
            try (Started running = s.start(slow, TrustLevel.AI_GENERATED, s.policy().approver(), lines::add)) {
                assertThatThrownBy(() -> s.run(Program.of("second.py", Language.PYTHON, "print(1)\n"), TrustLevel.AI_GENERATED))
                        .isInstanceOf(SandboxBusyException.class).hasMessageContaining("all 1 sandbox slots")
                        .satisfies(e -> assertThat(((SandboxBusyException) e).retriable()).isTrue());
                running.stop();
                assertThat(running.await().outcome()).isEqualTo(Outcome.STOPPED);
            }
            assertThat(s.run(Program.of("third.py", Language.PYTHON, "print('after')\n"), TrustLevel.AI_GENERATED).stdout())
                    .contains("after");
        }
    }
}
