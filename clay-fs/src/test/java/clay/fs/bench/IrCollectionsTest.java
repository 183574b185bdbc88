package clay.fs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrCollectionsTest {
    @TempDir Path dir;

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content);
    }

    @Test
    void cisiKeepsTitleAndTextDropsAuthorsAndCitationsAndReadsBinaryJudgements() throws Exception {
        write("CISI.ALL", """
                .I 1
                .T
                18 Editions of the Dewey
                Decimal Classifications
                .A
                Comaromi, J.P.
                .W
                   The present study is a history
                of the DEWEY Decimal Classification.
                .X
                1	5	1
                .I 2
                .T
                Use Made of Technical Libraries
                .W
                This report is an analysis of 6300 acts of use.
                """);
        write("CISI.QRY", """
                .I 1
                .W
                What problems and concerns are there in making up descriptive titles?
                .I 2
                .T
                Library networks
                .A
                Someone
                .W
                How are networks used?
                """);
        write("CISI.REL", "     1     2\t0\t0.000000\n     2     1\t0\t0.000000\n");
        Beir c = IrCollections.load(dir, "auto");
        assertThat(c.corpus()).hasSize(2);
        Beir.Doc d = c.corpus().getFirst();
        assertThat(d.id()).isEqualTo("1");
        assertThat(d.title()).isEqualTo("18 Editions of the Dewey Decimal Classifications");
        assertThat(d.text()).contains("history").contains("DEWEY").doesNotContain("Comaromi").doesNotContain("1\t5\t1");
        assertThat(c.queries()).containsEntry("2", "Library networks How are networks used?");
        assertThat(c.qrels()).isEqualTo(Map.of("1", Map.of("2", 1), "2", Map.of("1", 1)));
    }

    @Test
    void cranfieldNumbersQueriesByOrderAndTurnsGradesIntoGains() throws Exception {
        write("cran.all.1400", ".I 1\n.T\nwing in a slipstream .\n.A\nbrenckman,m.\n.B\nj. ae. 1958\n.W\nexperimental study of a wing .\n"
                + ".I 2\n.T\nsimple shear flow .\n.W\nsimple shear flow past a plate .\n");
        write("cran.qry", ".I 001\n.W\nwhat similarity laws must be obeyed ?\n.I 004\n.W\nshear flow past a flat plate ?\n");
        write("cranqrel", "1 1 1\n1 2 4\n2 2 -1\n2 1 3\n");
        Beir c = IrCollections.load(dir, "cran");
        assertThat(c.queries().keySet()).containsExactly("1", "2");
        assertThat(c.queries().get("2")).startsWith("shear flow");
        assertThat(c.corpus().getFirst().text()).doesNotContain("brenckman").doesNotContain("1958");
        // 1 is a complete answer (gain 4), 4 of minimum interest (gain 1), -1 not relevant
        assertThat(c.qrels().get("1")).isEqualTo(Map.of("1", 4, "2", 1));
        assertThat(c.qrels().get("2")).isEqualTo(Map.of("1", 2));
    }

    @Test
    void cacmIdsWithLeadingZerosMatchTheDocuments() throws Exception {
        write("cacm.all", ".I 1\n.T\nPreliminary Report-International Algebraic Language\n.B\nCACM December, 1958\n.A\nPerlis, A. J.\n"
                + ".N\nCA581203 JB\n.X\n100\t5\t1\n.I 2\n.T\nExtraction of Roots\n.W\nRoots by repeated subtraction.\n.K\nroots, subtraction\n");
        write("query.text", ".I 1\n.W\n What articles exist which deal with TSS?\n.N\n 1. Richard Alexander\n");
        write("qrels.text", "01 2  0 0\n01 0001 0 0\n");
        Beir c = IrCollections.load(dir, "auto");
        assertThat(c.corpus().get(1).text()).contains("repeated subtraction").contains("roots, subtraction");
        assertThat(c.queries()).containsEntry("1", "What articles exist which deal with TSS?");
        assertThat(c.qrels().get("1")).containsOnlyKeys("1", "2");
    }

    @Test
    void nplReadsSlashEndedBlocks() throws Exception {
        write("doc-text", "1\ncompact memories have flexible capacities\n   /\n2\nan electronic analogue computer\n   /\n");
        write("query-text", "1\nMEASUREMENT OF DIELECTRIC CONSTANT\n/\n2\nANALOGUE COMPUTERS\n/\n");
        write("rlv-ass", "1\n 1  2\n   /\n2\n    2\n   /\n");
        Beir c = IrCollections.load(dir, "auto");
        assertThat(c.corpus()).extracting(Beir.Doc::id).containsExactly("1", "2");
        assertThat(c.queries()).containsEntry("2", "analogue computers");
        assertThat(c.qrels()).isEqualTo(Map.of("1", Map.of("1", 1, "2", 1), "2", Map.of("2", 1)));
    }

    @Test
    void badInputSaysWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> IrCollections.load(dir, "auto")).isInstanceOf(InvalidInputException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> IrCollections.load(dir, "trec")).isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown");
        write("doc-text", "not a number\n/\n");
        assertThatThrownBy(() -> IrCollections.load(dir, "npl")).isInstanceOf(InvalidInputException.class).hasMessageContaining("expected a number");
        write("CISI.ALL", ".I 1\n.W\ntext\n");
        write("CISI.QRY", ".I 1\n.W\nquery\n");
        write("CISI.REL", "");
        assertThatThrownBy(() -> IrCollections.load(dir, "cisi")).isInstanceOf(InvalidInputException.class).hasMessageContaining("judged queries 0");
    }
}
