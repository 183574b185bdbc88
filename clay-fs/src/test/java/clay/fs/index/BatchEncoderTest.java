package clay.fs.index;

import static org.assertj.core.api.Assertions.assertThat;

import clay.intelligence.embed.LocalEmbeddings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEncoderTest {
    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return dot;
    }

    @Test
    void batchedVectorsEqualOneByOneAndTheSharedModelsInTheirOrder() {
        List<String> texts = new ArrayList<>();
        texts.add("a long text about the history of the Dewey decimal classification, its editions and the people who "
                + "kept it up to date over a century of library practice in many countries");
        texts.add("short");
        texts.add("invoice 4711 is overdue");
        texts.add("the aerodynamics of a wing in a propeller slipstream");
        Embedder e = Embedder.miniLm();
        List<float[]> batched = e.embedDocuments(texts);
        assertThat(batched).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = e.embedDocuments(List.of(texts.get(i))).getFirst();
            // the quantized model scales activations per call, so a text's batch-mates (and their padding) shift its
            // vector slightly: most for a one-word text among longer ones (cosine 0.986 measured)
            assertThat(cosine(batched.get(i), alone)).as(texts.get(i)).isGreaterThan(0.98);
            assertThat(cosine(batched.get(i), batched.get(i))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            float[] shared = LocalEmbeddings.shared().embed(texts.get(i));
            assertThat(cosine(batched.get(i), Embedder.normalized(shared))).as(texts.get(i)).isGreaterThan(0.98);
        }
        assertThat(cosine(batched.get(0), batched.get(3))).isLessThan(0.9);
    }

    @Test
    void bgeQueriesCarryTheInstructionDocumentsDoNot() {
        Embedder bge = Embedder.bgeSmall();
        float[] q = bge.embedQuery("wing aerodynamics");
        float[] asPassage = bge.embedDocuments(List.of("wing aerodynamics")).getFirst();
        float[] withInstruction = bge.embedDocuments(List.of(Embedder.BGE_QUERY_INSTRUCTION + "wing aerodynamics")).getFirst();
        assertThat(cosine(q, withInstruction)).isGreaterThan(0.9999);
        assertThat(cosine(q, asPassage)).isLessThan(0.99);
    }
}
