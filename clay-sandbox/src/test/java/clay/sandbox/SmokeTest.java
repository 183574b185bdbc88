package clay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir Path dir;

    @Test
    void runsPythonHello() throws Exception {
        try (SandboxFixture f = new SandboxFixture(dir, BackendKind.BUBBLEWRAP)) {
            RunResult r = f.python("import os\nprint('hello', os.getuid(), sorted(os.listdir('/')))\n");
            System.out.println(r);
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(r.stdout()).startsWith("hello 1000");
        }
    }
}
