package clay.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import clay.cli.CliProcess;
import clay.core.ClayHome;
import clay.core.Token;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTokenCliTest {

    @Test
    void printsTheV1ClientTokenWhichIsNotTheUsersToken(@TempDir Path dir) throws Exception {
        CliProcess.Result r = new CliProcess(dir.resolve("home"), dir.resolve("config.toml")).run(null, "runtime", "client-token");
        assertThat(r.exit()).as(r.err()).isZero();
        ClayHome home = new ClayHome(dir.resolve("home"));
        assertThat(r.out().strip()).matches("[0-9a-f]{64}").isEqualTo(Token.loadOrCreateClient(home)).isNotEqualTo(Token.loadOrCreate(home));
        assertThat(r.err()).contains("client-token").contains("/v1");
    }
}
