package clay.runtime;

import clay.core.ClayHome;
import clay.core.Token;
import clay.runtime.config.ClayConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The one fixture for runtime integration tests: a real runtime on a free loopback port with a fresh home, and an HTTP
 * helper that sends the token.
 */
public final class RuntimeFixture implements AutoCloseable {
    public final ClayRuntime runtime;
    public final ClayHome home;
    public final String token;
    public final HttpClient http = HttpClient.newHttpClient();

    private RuntimeFixture(Path dir, String configToml, Consumer<ClayRuntime.Settings> more) throws Exception {
        home = new ClayHome(dir.resolve("home"));
        Files.createDirectories(dir);
        Path cfgFile = dir.resolve("config.toml");
        Files.writeString(cfgFile, configToml);
        ClayConfig cfg = ClayConfig.load(cfgFile);
        runtime = ClayRuntime.create(s -> {
            s.home(home).config(cfg).port(0);
            more.accept(s);
        });
        token = Token.loadOrCreate(home);
    }

    public static RuntimeFixture start(Path dir) throws Exception {
        return new RuntimeFixture(dir, "", s -> {});
    }

    public static RuntimeFixture start(Path dir, String configToml, Consumer<ClayRuntime.Settings> more) throws Exception {
        return new RuntimeFixture(dir, configToml, more);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + runtime.port() + path);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        runtime.close();
    }
}
