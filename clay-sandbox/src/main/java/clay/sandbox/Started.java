package clay.sandbox;

import clay.core.Capability;
import clay.sandbox.enforce.LaunchPlan;
import clay.sandbox.enforce.Supervisor;
import clay.sandbox.manifest.Program;
import clay.sandbox.broker.Broker;
import clay.sandbox.net.EgressProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sandboxed program that has been started. {@link #await()} waits for it (within the wall-time limit) and returns
 * the result once; {@link #stop()} kills its whole process tree. Closing stops it if it still runs.
 */
public final class Started implements AutoCloseable {
    private static final String SURFACE_PREFIX = "clay:surface ";

    private final Sandbox sandbox;
    private final Program program;
    private final Supervisor.Running running;
    private final LaunchPlan plan;
    private final EgressProxy proxy;
    private final Broker broker;
    private final List<String> denials;
    private final List<Capability> granted;
    private final BackendKind backend;
    private RunResult result;
    private boolean slotReturned;

    Started(Sandbox sandbox, Program program, Supervisor.Running running, LaunchPlan plan, EgressProxy proxy,
            Broker broker, List<String> denials, List<Capability> granted, BackendKind backend) {
        this.sandbox = sandbox;
        this.program = program;
        this.running = running;
        this.plan = plan;
        this.proxy = proxy;
        this.broker = broker;
        this.denials = denials;
        this.granted = granted;
        this.backend = backend;
    }

    static Started finished(Sandbox sandbox, Program program, RunResult result) {
        Started s = new Started(sandbox, program, null, null, null, null, List.of(), List.of(), result.backend());
        s.result = result;
        try {
            sandbox.finish(program, result, List.of(), List.of());
        } finally {
            sandbox.ended();
        }
        return s;
    }

    public Program program() {
        return program;
    }

    public boolean alive() {
        return running != null && running.alive();
    }

    /** Kills the program's whole process tree; {@link #await()} then reports {@link Outcome#STOPPED}. */
    public void stop() {
        if (running != null) running.kill(Outcome.STOPPED);
    }

    public synchronized RunResult await() {
        if (result != null) return result;
        try {
            Supervisor.Exit exit = running.await();
            List<String> scanned = sandbox.scan(exit.stderr(), plan);
            List<String> all = new ArrayList<>(denials);
            all.addAll(exit.notCopiedBack());
            all.addAll(scanned);
            if (exit.tasksLimited()) all.add("processes (the task limit refused a fork)");
            boolean ui = granted.contains(new Capability(Capability.Kind.UI, "surface"));
            List<String> surfaces = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            for (String line : exit.stdout().split("\n", -1)) {
                if (line.startsWith(SURFACE_PREFIX)) {
                    if (ui) surfaces.add(line.substring(SURFACE_PREFIX.length()).strip());
                    else if (!all.contains("ui:surface (not granted)")) all.add("ui:surface (not granted)");
                    continue;
                }
                out.append(line).append('\n');
            }
            String stdout = out.length() > 0 ? out.substring(0, out.length() - 1) : "";
            result = new RunResult(exit.outcome(), exit.exitCode(), stdout, exit.stderr(), exit.elapsed(), backend, all, surfaces);
            List<String> toAudit = new ArrayList<>(exit.notCopiedBack());
            if (exit.tasksLimited()) toAudit.add("processes (the task limit refused a fork)");
            if (all.contains("ui:surface (not granted)")) toAudit.add("ui:surface (not granted)");
            sandbox.finish(program, result, toAudit, scanned);
            return result;
        } finally {
            if (!slotReturned) sandbox.ended();
            slotReturned = true;
            Sandbox.closeQuietly(proxy);
            if (broker != null) broker.close();
            Path work = plan.workDir();
            Thread.ofVirtual().start(() -> Sandbox.deleteTree(work));
        }
    }

    @Override
    public void close() {
        if (result == null && running != null) {
            if (running.alive()) stop();
            await();
        }
    }
}
