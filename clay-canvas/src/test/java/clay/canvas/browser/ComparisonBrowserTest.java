package clay.canvas.browser;

import static clay.canvas.browser.Browser.js;
import static clay.canvas.browser.Browser.screenshot;
import static clay.canvas.browser.Browser.waitFor;
import static clay.canvas.browser.Browser.waitVersion;
import static org.assertj.core.api.Assertions.assertThat;

import clay.canvas.annotate.FileKey;
import clay.canvas.annotate.JsonAnnotationStore;
import clay.canvas.factory.SurfaceDraft;
import clay.canvas.hub.CanvasSession;
import clay.canvas.hub.Surface;
import clay.canvas.spec.Specs;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The seed's example: "compare these three bills side by side", end to end in a real browser. */
class ComparisonBrowserTest {
    @TempDir static Path dir;
    static CanvasServer server;
    static List<Path> bills;

    @BeforeAll
    static void start() throws Exception {
        server = new CanvasServer(dir.resolve("home"));
        bills = Bills.write(Files.createDirectories(dir.resolve("docs")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SurfaceDraft comparison() {
        ObjectNode p = Specs.json().createObjectNode().put("title", "Water bill, three versions");
        bills.forEach(b -> p.withArray("paths").add(b.toString()));
        return server.hub.factory().build("compare_documents", p, "compare these three bills side by side");
    }

    @Test
    void threeBillsSideBySideScrollInSyncHighlightKeepNotesAndExport() throws Exception {
        CanvasSession s = Browser.open(server, "bills");
        String id = s.show(comparison());
        waitVersion(s.version());

        // three columns, differences highlighted against the previous version
        List<WebElement> panes = Browser.shared().findElements(By.cssSelector(".c-columns > .c-diff"));
        assertThat(panes).hasSize(3);
        assertThat(panes.get(0).findElements(By.cssSelector(".added"))).isEmpty();
        assertThat(String.join("|", texts(panes.get(1), ".added"))).contains("1,450", "independent", "3");
        assertThat(String.join("|", texts(panes.get(1), ".removed"))).contains("1,200", "5");
        assertThat(String.join("|", texts(panes.get(2), ".added"))).contains("Low-income households are exempt");

        // synchronized scrolling
        js("const p = document.querySelectorAll('.c-diff .scroll'); p[0].scrollTop = (p[0].scrollHeight - p[0].clientHeight) / 2;");
        waitFor(d -> ((Number) js("return document.querySelectorAll('.c-diff .scroll')[2].scrollTop")).doubleValue() > 0);
        double r1 = ratio(0), r2 = ratio(1), r3 = ratio(2);
        assertThat(r2).isCloseTo(r1, org.assertj.core.data.Offset.offset(0.03));
        assertThat(r3).isCloseTo(r1, org.assertj.core.data.Offset.offset(0.03));
        js("document.querySelectorAll('.c-diff .scroll')[0].scrollTop = 0");
        waitFor(d -> ((Number) js("return document.querySelectorAll('.c-diff .scroll')[1].scrollTop")).doubleValue() == 0);

        // select text in the second bill and add a note
        long before = s.version();
        js("""
                const pane = document.querySelectorAll('.c-diff .doc-text')[1];
                const span = [...pane.querySelectorAll('.added')].find(x => x.textContent.includes('1,450'));
                const r = document.createRange(); r.selectNodeContents(span);
                const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
                pane.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));""");
        WebElement note = waitFor(d -> d.findElement(By.cssSelector(".note-bar input")));
        note.sendKeys("Why +$250? Ask the sponsor.");
        Browser.shared().findElement(By.cssSelector(".note-bar button[type=submit]")).click();
        waitVersion(before + 1);
        WebElement mark = waitFor(d -> d.findElement(By.cssSelector(".c-diff mark[data-note]")));
        assertThat(mark.getAttribute("title")).isEqualTo("Why +$250? Ask the sponsor.");
        assertThat(mark.getText()).contains("1,450");
        screenshot("02-three-bills-compared-with-note");

        // the note survives a reload of the canvas ...
        Browser.shared().navigate().refresh();
        waitFor(d -> "connected".equals(js("return document.getElementById('status').textContent")));
        waitVersion(s.version());
        assertThat(Browser.shared().findElement(By.cssSelector(".c-diff mark[data-note]")).getAttribute("title")).isEqualTo("Why +$250? Ask the sponsor.");
        // ... and a restart: it is stored with the file (path + hash) and comes back in a fresh comparison
        String text2 = Files.readString(bills.get(1));
        assertThat(JsonAnnotationStore.open(server.home).list(FileKey.of(bills.get(1).toAbsolutePath().toString(), text2)))
                .singleElement().satisfies(a -> assertThat(a.quote()).contains("1,450"));
        assertThat(comparison().spec().toString()).contains("Why +$250? Ask the sponsor.");

        // export with notes: Markdown from the surface's button, HTML through the API
        long v = s.version();
        Browser.shared().findElement(By.cssSelector("[data-surface-id=" + id + "] button[data-act=export-md]")).click();
        waitVersion(v + 1);
        Surface exported = s.surfaces().getLast();
        Path md = Path.of(exported.draft().data().path("path").asText());
        assertThat(Files.readString(md)).contains("Why +$250? Ask the sponsor.").contains("**1,450**").contains("~~1,200~~");
        assertThat(Browser.shared().findElement(By.cssSelector("[data-surface-id=" + exported.id() + "]")).getText()).contains("Saved to");
        String html = Files.readString(Path.of(server.api.operate("bills", id, "export", Specs.json().createObjectNode().put("format", "html")).path("path").asText()));
        assertThat(html).contains("<mark>").contains("Why +$250? Ask the sponsor.").contains("<ins>1,450</ins>");
        screenshot("03-comparison-exported");
    }

    private static List<String> texts(WebElement pane, String css) {
        return pane.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute("textContent")).toList();
    }

    private static double ratio(int i) {
        return ((Number) js("const p = document.querySelectorAll('.c-diff .scroll')[arguments[0]]; return p.scrollTop / (p.scrollHeight - p.clientHeight);", i)).doubleValue();
    }
}
