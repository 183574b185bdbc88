package clay.canvas.browser;

import static clay.canvas.browser.Browser.js;
import static clay.canvas.browser.Browser.screenshot;
import static clay.canvas.browser.Browser.waitFor;
import static clay.canvas.browser.Browser.waitVersion;
import static org.assertj.core.api.Assertions.assertThat;

import clay.canvas.hub.CanvasSession;
import clay.canvas.spec.Specs;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A surface arrives and renders; operations work from the canvas; malformed specs become error surfaces. */
class CanvasBrowserTest {
    @TempDir static Path dir;
    static CanvasServer server;

    @BeforeAll
    static void start() {
        server = new CanvasServer(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static CanvasSession open(String session) {
        return Browser.open(server, session);
    }

    static JsonNode params(String json) {
        try {
            return Specs.json().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String SALES = """
            {"title":"Sales by month","rows":[{"month":"Jan","amount":12},{"month":"Feb","amount":30},{"month":"Mar","amount":21},{"month":"Apr","amount":7}]}""";

    @Test
    void surfaceArrivesAndRenders() {
        CanvasSession s = open("arrive");
        s.show(server.hub.factory().build("results_table", params(SALES), "sales"));
        waitVersion(s.version());
        List<WebElement> rows = Browser.shared().findElements(By.cssSelector(".surface table tbody tr"));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).getText()).contains("Feb").contains("30");
        // sort by amount (click header twice: descending), then filter
        WebElement amount = Browser.shared().findElement(By.cssSelector("th[data-key=amount]"));
        amount.click();
        amount = Browser.shared().findElement(By.cssSelector("th[data-key=amount]"));
        amount.click();
        assertThat(Browser.shared().findElements(By.cssSelector(".surface table tbody tr")).getFirst().getText()).contains("Feb");
        Browser.shared().findElement(By.cssSelector(".table-filter")).sendKeys("ma");
        assertThat(Browser.shared().findElements(By.cssSelector(".surface table tbody tr"))).hasSize(1);
        screenshot("01-surface-arrives");
    }

    @Test
    void malformedSpecShowsAnErrorSurfaceNotABlankPage() {
        CanvasSession s = open("malformed");
        s.show(params("""
                {"version":1,"kind":"components","title":"Broken","components":[{"id":"a","type":"marquee","text":"hi"},{"id":"b","type":"text","text":"x","onclick":"alert(1)"}]}"""));
        waitVersion(s.version());
        WebElement surface = Browser.shared().findElement(By.cssSelector(".surface.error"));
        assertThat(surface.getText()).contains("Could not show this surface").contains("unknown type 'marquee'");
        screenshot("06-malformed-spec-error-surface");
    }
}
