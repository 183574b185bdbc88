package clay.intelligence.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

class OnnxEncodersTest {
    @Test
    void latencyTunedSessionsGiveTheSameVectorsAsLangChain4jsDefaults() {
        String text = "find the invoice from tuesday";
        float[] tuned = LocalEmbeddings.shared().embed(text);
        float[] reference = new AllMiniLmL6V2QuantizedEmbeddingModel().embed(text).content().vector();
        double cos = 0;
        for (int i = 0; i < tuned.length; i++) cos += tuned[i] * reference[i];
        assertThat(tuned).hasSize(384);
        assertThat(cos).isGreaterThan(0.9999);
        assertThat(OnnxEncoders.defaultThreads()).isBetween(1, 2);
    }
}
