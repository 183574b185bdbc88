package clay.runtime.canvas;

import static clay.canvas.browser.Browser.js;
import static clay.canvas.browser.Browser.waitFor;
import static clay.canvas.browser.Browser.waitVersion;
import static org.assertj.core.api.Assertions.assertThat;

import clay.canvas.browser.Browser;
import clay.canvas.hub.SurfaceHub;
import clay.runtime.RuntimeFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The canvas as a user gets it from the real runtime: token hand-over, modules, socket, frames, the assistant. */
class CanvasInBrowserTest {
    @TempDir static Path dir;
    static RuntimeFixture clay;

    @BeforeAll
    static void boot() throws Exception {
        clay = RuntimeFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        clay.close();
    }

    @Test
    void theRuntimeServesAWorkingCanvas() throws Exception {
        Browser.shared().get("http://127.0.0.1:" + clay.runtime.port() + "/?token=" + clay.token + "&session=rt");
        waitFor(d -> "connected".equals(js("return document.getElementById('status').textContent")));
        assertThat(Browser.shared().getCurrentUrl()).doesNotContain(clay.token);
        assertThat(js("return document.cookie")).isEqualTo("");

        var hub = clay.runtime.context().service(SurfaceHub.class).orElseThrow();
        clay.post("/api/canvas/rt/surfaces", """
                {"intent":"results_table","parameters":{"title":"Sales","rows":[{"month":"Jan","n":3},{"month":"Feb","n":5}]}}""");
        waitVersion(hub.session("rt").version());
        assertThat(Browser.shared().findElements(By.cssSelector(".surface table tbody tr"))).hasSize(2);

        clay.post("/api/canvas/rt/surfaces", """
                {"spec":{"version":1,"kind":"html","title":"Generated","html":"<p id=m>waiting</p><script>document.getElementById('m').textContent='ran in the sandbox'</script>"}}""");
        waitVersion(hub.session("rt").version());
        WebElement frame = Browser.shared().findElement(By.cssSelector(".surface.focused iframe"));
        Browser.shared().switchTo().frame(frame);
        try {
            waitFor(d -> d.findElement(By.id("m")).getText().equals("ran in the sandbox"));
        } finally {
            Browser.shared().switchTo().defaultContent();
        }

        long v = hub.session("rt").version();
        Browser.shared().findElement(By.id("line")).sendKeys("what time is it", Keys.ENTER);
        waitFor(d -> hub.session("rt").version() > v);
        waitVersion(hub.session("rt").version());
        assertThat(Browser.shared().findElement(By.cssSelector(".surface.focused")).getText()).containsIgnoringCase("what time is it");
        Browser.screenshot("12-canvas-served-by-the-runtime");
    }
}
