package clay.sandbox;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the bubblewrap and gVisor escape suites in this JVM and prints one summary line
 * ({@code escape-suites found N succeeded N skipped N failed N}); {@link SecondUserEscapeTest} starts it as a second,
 * unprivileged OS user. Exits 1 when a test failed.
 */
public final class EscapeSuitesMain {
    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        TestExecutionListener loud = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    System.out.println(result.getStatus() + " " + id.getUniqueId() + ": "
                            + result.getThrowable().map(Throwable::getMessage).orElse(""));
                }
            }
        };
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(BubblewrapEscapeTest.class), selectClass(GvisorEscapeTest.class)).build(), listener, loud);
        TestExecutionSummary s = listener.getSummary();
        s.printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
        System.out.println("escape-suites found " + s.getTestsFoundCount() + " succeeded " + s.getTestsSucceededCount()
                + " skipped " + s.getTestsSkippedCount() + " aborted " + s.getTestsAbortedCount() + " failed " + s.getTotalFailureCount());
        System.exit(s.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
