package clay.canvas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.canvas.spec.Specs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonExportTest {
    @TempDir Path dir;

    static JsonNode spec() throws Exception {
        return Specs.json().readTree("""
                {"version":1,"kind":"components","title":"Bills <b>","components":[
                 {"id":"cols","type":"columns","children":["d0","d1"]},
                 {"id":"d0","type":"diff","title":"v1","segments":[{"op":"same","text":"Fee is $10 <script>x</script>"}],"document":{"path":"/b/v1.txt","hash":"aaaaaaaaaaaa"}},
                 {"id":"d1","type":"diff","title":"v2","segments":[{"op":"same","text":"Fee is $"},{"op":"removed","text":"10"},{"op":"added","text":"12"},{"op":"same","text":" <script>x</script>"}],
                  "document":{"path":"/b/v2.txt","hash":"bbbbbbbbbbbb"},"annotations":[{"id":"n1","start":4,"end":10,"quote":"is $12","note":"why <i>more</i>?"}]}]}""");
    }

    @Test
    void markdownAndHtmlCarryChangesAndNotesAsEscapedText() throws Exception {
        var md = ComparisonExport.write(spec(), "md", dir);
        assertThat(md.markdown()).contains("## v2", "~~10~~", "**12**", "==is $==", "why \\<i\\>more\\</i\\>?", "\\<script\\>");
        String html = Files.readString(ComparisonExport.write(spec(), "html", dir).path());
        assertThat(html).contains("<del>10</del>", "<ins>12</ins>", "<mark>is $</mark>", "why &lt;i&gt;more&lt;/i&gt;?", "&lt;script&gt;", "Bills &lt;b&gt;")
                .doesNotContain("<script>x").contains("default-src 'none'");
    }

    @Test
    void pdfIsPrintedByChromium() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "SKIPPED LOUDLY: PDF export needs Chromium (apt-get install chromium)");
        var pdf = ComparisonExport.write(spec(), "pdf", dir);
        assertThat(Files.readAllBytes(pdf.path())).startsWith("%PDF".getBytes());
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".html"))).isEmpty();
        }
    }

    @Test
    void surfacesWithoutDocumentsCannotBeExported() {
        ObjectNode s = Specs.surface("x").add(Specs.component("t", "text").put("text", "hi")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ComparisonExport.write(s, "md", dir)).hasMessageContaining("no documents");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ComparisonExport.write(spec(), "docx", dir)).hasMessageContaining("unknown export format");
    }
}
