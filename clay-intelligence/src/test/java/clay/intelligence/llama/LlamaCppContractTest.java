package clay.intelligence.llama;

import clay.intelligence.model.ModelProvider;
import clay.intelligence.model.ModelProviderContract;
import clay.intelligence.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class LlamaCppContractTest extends ModelProviderContract {
    @TempDir static Path dir;
    static LlamaCppProvider llama;

    @BeforeAll static void load() { llama = TestModels.tinyLlama(dir); }

    @AfterAll static void close() { llama.close(); }

    @Override protected ModelProvider provider() { return llama; }

    @Override protected boolean expect(boolean streaming, String... pieces) { return false; }
}
