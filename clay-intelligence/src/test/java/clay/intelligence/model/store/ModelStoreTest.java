package clay.intelligence.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.InvalidInputException;
import clay.core.ModelUnavailableException;
import clay.intelligence.llama.TinyGguf;
import clay.intelligence.model.ModelProviders;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.model.ModelSpec.Kind;
import clay.intelligence.model.ModelProvider;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir Path dir;
    byte[] gguf;
    String sha;
    HttpServer server;
    final List<String> ranges = new CopyOnWriteArrayList<>();
    final AtomicInteger cutAfter = new AtomicInteger(-1); // > 0: drop the connection after that many bytes, once
    ModelStore store;

    @BeforeEach
    void serve() throws Exception {
        gguf = Files.readAllBytes(TinyGguf.write(dir.resolve("src/tiny.gguf")));
        sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gguf));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/tiny.gguf", ex -> {
            String range = ex.getRequestHeaders().getFirst("range");
            ranges.add(String.valueOf(range));
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
            ex.getResponseHeaders().add("content-type", "application/octet-stream");
            ex.sendResponseHeaders(range == null ? 200 : 206, gguf.length - from);
            try (OutputStream out = ex.getResponseBody()) {
                int cut = cutAfter.getAndSet(-1);
                int end = cut > 0 ? Math.min(gguf.length, from + cut) : gguf.length;
                out.write(gguf, from, end - from);
                if (cut > 0) {
                    out.flush();
                    ex.getHttpContext().getServer(); // keep the exchange open but stop writing
                    throw new java.io.IOException("cut");
                }
            }
        });
        server.createContext("/missing.gguf", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/page.gguf", ex -> {
            byte[] html = "<html>sign in to download</html>".getBytes();
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        server.start();
        store = ModelStore.open(dir.resolve("models"), new Download());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    CatalogEntry entry(String sha256) {
        return new CatalogEntry("tiny", "test model", url("/models/tiny.gguf"), gguf.length, sha256, "none", 256);
    }

    @Test
    void pullDownloadsWithProgressVerifiesTheChecksumAndRecordsTheModel() {
        List<long[]> progress = new CopyOnWriteArrayList<>();
        ModelStore.Entry e = store.pull(entry(sha), "tiny", (done, total) -> progress.add(new long[] {done, total}));

        assertThat(Path.of(e.spec().location())).hasBinaryContent(gguf);
        assertThat(e.sha256()).isEqualTo(sha);
        assertThat(progress.getLast()).containsExactly(gguf.length, gguf.length);
        assertThat(store.list()).extracting(x -> x.spec().name()).containsExactly("tiny");
        assertThat(dir.resolve("models")).isDirectoryNotContaining("glob:**.part");
        try (ModelProvider p = ModelProviders.open(store.get("tiny").orElseThrow().spec())) {
            assertThat(p.kind()).isEqualTo("llama.cpp");
        }
    }

    @Test
    void aChecksumMismatchDeletesTheDownloadAndSaysSo() {
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> store.pull(entry(wrong), "tiny", Download.Progress.NONE))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("checksum mismatch")
                .hasMessageContaining(sha);
        assertThat(store.list()).isEmpty();
        assertThat(dir.resolve("models")).isDirectoryNotContaining("glob:**.gguf*");
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() {
        cutAfter.set(100_000);
        assertThatThrownBy(() -> store.pull(entry(sha), "tiny", Download.Progress.NONE))
                .isInstanceOf(ModelUnavailableException.class);
        assertThat(dir.resolve("models/tiny.gguf.part")).exists();

        ModelStore.Entry e = store.pull(entry(sha), "tiny", Download.Progress.NONE);
        assertThat(ranges.getLast()).startsWith("bytes=").isNotEqualTo("bytes=0-");
        assertThat(Path.of(e.spec().location())).hasBinaryContent(gguf);
    }

    @Test
    void serverErrorsAndNonGgufBodiesAreClearErrors() {
        assertThatThrownBy(() -> store.add("gone", url("/missing.gguf"), null, false, Download.Progress.NONE))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> store.add("page", url("/page.gguf"), null, false, Download.Progress.NONE))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("not a usable GGUF");
    }

    @Test
    void addChecksALocalFileAndRefusesADuplicateName() throws Exception {
        Path mine = Files.write(dir.resolve("mine.gguf"), gguf);
        store.add("mine", mine.toString(), null, false, Download.Progress.NONE);
        assertThat(store.get("mine").orElseThrow().spec().location()).isEqualTo(mine.toString());

        assertThatThrownBy(() -> store.add("mine", mine.toString(), null, false, Download.Progress.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
        Path junk = Files.writeString(dir.resolve("junk.gguf"), "not a model at all, just text");
        assertThatThrownBy(() -> store.add("junk", junk.toString(), null, false, Download.Progress.NONE))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("not a valid GGUF");
    }

    @Test
    void aHostileNameIsRefusedBeforeAnythingIsDownloadedOrWritten() throws Exception {
        Path mine = Files.write(dir.resolve("mine.gguf"), gguf);
        for (String name : List.of("../../x", "../escape", "a/b", "..", "a..b", "/abs", "tab\tname", "nl\nname",
                "esc\u001b[31m", ".hidden", "", "x".repeat(65))) {
            assertThatThrownBy(() -> store.add(name, url("/models/tiny.gguf"), null, false, Download.Progress.NONE))
                    .as(name).isInstanceOf(clay.core.ConfigException.class).hasMessageContaining("bad model name");
            assertThatThrownBy(() -> store.add(name, mine.toString(), null, false, Download.Progress.NONE))
                    .as(name).isInstanceOf(clay.core.ConfigException.class);
            assertThatThrownBy(() -> store.addTiny(name, false)).as(name).isInstanceOf(clay.core.ConfigException.class);
            assertThatThrownBy(() -> store.pull(entry(sha), name, Download.Progress.NONE)).as(name)
                    .isInstanceOf(clay.core.ConfigException.class);
        }
        assertThat(ranges).as("no download was started").isEmpty();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()))
                    .containsExactlyInAnyOrder("src/tiny.gguf", "mine.gguf");
        }
        assertThat(store.list()).isEmpty();
    }

    @Test
    void serverUrlsBecomeServerModels() {
        assertThat(store.add("lan", "http://10.0.0.2:8080/v1", "qwen", false, Download.Progress.NONE).spec().kind())
                .isEqualTo(Kind.OPENAI_COMPATIBLE);
        assertThat(store.add("olla", "http://127.0.0.1:11434", "qwen2.5:1.5b", false, Download.Progress.NONE).spec().kind())
                .isEqualTo(Kind.OLLAMA);
        assertThat(store.add(ModelSpec.of("claude", java.util.Map.of("kind", "anthropic", "model", "c")), false)
                .spec().kind()).isEqualTo(Kind.ANTHROPIC);
        assertThat(ModelStore.open(dir.resolve("models"), new Download()).list()).hasSize(3);
        assertThat(store.remove("lan")).isTrue();
        assertThat(store.remove("lan")).isFalse();
    }

    @Test
    void theCatalogNamesItsModelsAndRejectsUnknownOnes() {
        assertThat(CatalogEntry.find("qwen2.5-1.5b")).hasValueSatisfying(c -> {
            assertThat(c.pinnedSha256()).isPresent();
            assertThat(c.url()).endsWith(".gguf");
        });
        assertThatThrownBy(() -> store.pull("gpt-17", null, Download.Progress.NONE))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fix()).hasValueSatisfying(f -> assertThat(f).contains("qwen2.5-1.5b")));
    }
}
