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

    static final String SALES = CanvasServer.SALES;

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

        // selection behaviour: clicking rows tells the runtime what is selected
        String id = s.surfaces().getLast().id();
        Browser.shared().findElement(By.cssSelector(".surface table tbody tr")).click();
        waitFor(d -> s.surface(id).orElseThrow().selection().path("rows").size() == 1);
        assertThat(s.surface(id).orElseThrow().selection().path("component").asText()).isEqualTo("table");
    }

    @Test
    void formsAndButtonsSendTheirIntentBack() {
        CanvasSession s = open("form");
        s.show(server.hub.factory().build("fill_form", params("""
                {"title":"Book a trip","intent":"book_trip","fields":[{"name":"to","label":"Destination"},{"name":"when","type":"date"},{"name":"class","type":"choice","options":["economy","business"]}]}"""), "form"));
        waitVersion(s.version());
        long v = s.version();
        Browser.shared().findElement(By.cssSelector("input[name=to]")).sendKeys("Rome");
        js("const d = document.querySelector('input[name=when]'); d.value = '2026-12-24';");
        new org.openqa.selenium.support.ui.Select(Browser.shared().findElement(By.cssSelector("select[name=class]"))).selectByValue("business");
        screenshot("10-form");
        Browser.shared().findElement(By.cssSelector(".c-form button[type=submit]")).click();
        waitFor(d -> s.version() > v);
        String answer = s.surfaces().getLast().draft().spec().toString();
        assertThat(answer).contains("Action book_trip").contains("Rome").contains("2026-12-24").contains("business");
    }

    @Test
    void keyboardFocusesRecedesAndDismisses() {
        CanvasSession s = open("keys");
        String a = s.show(server.hub.factory().build("show_text", params("{\"title\":\"A\",\"text\":\"a\"}"), "a"));
        String b = s.show(server.hub.factory().build("show_text", params("{\"title\":\"B\",\"text\":\"b\"}"), "b"));
        waitVersion(s.version());
        WebElement body = Browser.shared().findElement(By.tagName("body"));
        js("document.activeElement.blur()");
        new org.openqa.selenium.interactions.Actions(Browser.shared()).keyDown(org.openqa.selenium.Keys.ALT).sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT).keyUp(org.openqa.selenium.Keys.ALT).perform();
        waitFor(d -> s.surface(a).orElseThrow().presence() == clay.canvas.hub.Presence.FOCUSED);
        waitVersion(s.version());
        body.sendKeys(org.openqa.selenium.Keys.ESCAPE);
        waitFor(d -> s.surface(a).orElseThrow().presence() == clay.canvas.hub.Presence.RECEDED);
        waitVersion(s.version());
        assertThat(Browser.shared().findElement(By.cssSelector("#shelf button[data-surface-id=" + a + "]")).getText()).isEqualTo("A");
        Browser.shared().findElement(By.cssSelector("#shelf button[data-surface-id=" + a + "]")).click();
        waitFor(d -> s.surface(a).orElseThrow().presence() == clay.canvas.hub.Presence.FOCUSED);
        waitVersion(s.version());
        js("document.activeElement.blur()");
        body.sendKeys(org.openqa.selenium.Keys.DELETE);
        waitFor(d -> s.surface(a).isEmpty());
        assertThat(s.surface(b)).isPresent();
        body.sendKeys("/");
        assertThat(js("return document.activeElement.id")).isEqualTo("line");
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

    @Test
    void inputLineSendsUtterancesAndSurfacesArrive() {
        CanvasSession s = open("input");
        WebElement line = Browser.shared().findElement(By.id("line"));
        line.sendKeys("show my sales", org.openqa.selenium.Keys.ENTER);
        waitFor(d -> s.version() >= 1);
        waitVersion(s.version());
        assertThat(Browser.shared().findElements(By.cssSelector(".surface table tbody tr"))).hasSize(4);
        assertThat(line.getAttribute("value")).isEmpty();
    }

    @Test
    void morphTransformMergeAndUndoFromTheCanvas() {
        CanvasSession s = open("ops");
        js("window.__vt = 0; const o = document.startViewTransition.bind(document); document.startViewTransition = f => { window.__vt++; return o(f); };");
        String table = s.show(server.hub.factory().build("results_table", params(SALES), "sales"));
        waitVersion(s.version());

        // transform, keyboard first: T on the focused surface turns the table into a bar chart, the header button into a line chart
        Browser.shared().findElement(By.tagName("body")).sendKeys("t");
        waitFor(d -> !d.findElements(By.cssSelector("[data-surface-id=" + table + "] figure.c-chart[data-mark=bar] rect.bar")).isEmpty());
        assertThat(Browser.shared().findElements(By.cssSelector("rect.bar"))).hasSize(4);
        screenshot("04-transformed-to-chart");
        Browser.shared().findElement(By.cssSelector("[data-surface-id=" + table + "] button[data-act=transform]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("figure.c-chart[data-mark=line] path.line")).isEmpty());

        // morph through the API: the same surface becomes a new spec, animated by a view transition
        long vt = ((Number) js("return window.__vt")).longValue();
        s.morph(table, params("""
                {"version":1,"kind":"components","title":"Sales, summarized","components":[{"id":"k","type":"keyvalue","entries":[{"key":"Best month","value":"Feb"}]}]}"""));
        waitVersion(s.version());
        assertThat(Browser.shared().findElement(By.cssSelector("[data-surface-id=" + table + "] .c-keyvalue")).getText()).contains("Best month");
        assertThat(((Number) js("return window.__vt")).longValue()).isGreaterThan(vt);

        // merge by dragging the calendar onto the weather: one day plan, each event with its forecast
        String weather = s.show(server.hub.factory().build("show_weather", params(CanvasServer.WEATHER), "weather"));
        String calendar = s.show(server.hub.factory().build("show_calendar", params(CanvasServer.CALENDAR), "calendar"));
        waitVersion(s.version());
        screenshot("05-before-merge");
        WebElement from = Browser.shared().findElement(By.cssSelector("[data-surface-id=" + calendar + "] > header h2"));
        WebElement to = Browser.shared().findElement(By.cssSelector("[data-surface-id=" + weather + "] .body"));
        long v = s.version();
        new org.openqa.selenium.interactions.Actions(Browser.shared()).clickAndHold(from).moveByOffset(-20, 10).moveToElement(to).pause(100).release().perform();
        waitVersion(v + 1);
        assertThat(s.surfaces()).extracting(x -> x.id()).doesNotContain(weather, calendar);
        String plan = Browser.shared().findElement(By.cssSelector(".surface.focused")).getText();
        assertThat(plan).contains("Day plan").contains("Picnic").contains("Sun, 10–18°").contains("Standup").contains("Rain, 11–16°");
        screenshot("05-merged-day-plan");

        // undo (Ctrl+Z) brings weather and calendar back
        new org.openqa.selenium.interactions.Actions(Browser.shared()).keyDown(org.openqa.selenium.Keys.CONTROL).sendKeys("z").keyUp(org.openqa.selenium.Keys.CONTROL).perform();
        waitVersion(s.version());
        waitFor(d -> d.findElements(By.cssSelector("[data-surface-id=" + weather + "]")).size() == 1);
        waitVersion(s.version());
        assertThat(s.surfaces()).extracting(x -> x.id()).contains(weather, calendar);

        // flick a surface sideways to dismiss it; Delete dismisses the focused one; undo restores
        v = s.version();
        WebElement head = Browser.shared().findElement(By.cssSelector("[data-surface-id=" + calendar + "] > header h2"));
        new org.openqa.selenium.interactions.Actions(Browser.shared(), java.time.Duration.ofMillis(40)).clickAndHold(head).moveByOffset(120, 0).moveByOffset(200, 0).release().perform();
        waitVersion(v + 1);
        assertThat(s.surface(calendar)).isEmpty();
        s.undo();
        waitVersion(s.version());
        assertThat(Browser.shared().findElements(By.cssSelector("[data-surface-id=" + calendar + "]"))).hasSize(1);
    }

    @Test
    void layoutKeepsSurfacesReadableAndApartAt1280x720() {
        CanvasSession s = open("layout");
        for (int i = 0; i < 5; i++) s.show(server.hub.factory().build("show_text", params("{\"title\":\"Note " + i + "\",\"text\":\"hello " + i + "\"}"), "note"));
        s.show(server.hub.factory().build("show_weather", params(CanvasServer.WEATHER), "weather"));
        String cal = s.show(server.hub.factory().build("show_calendar", params(CanvasServer.CALENDAR), "calendar"));
        waitVersion(s.version());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> boxes = (List<Map<String, Object>>) js("""
                const top = document.getElementById('plane').getBoundingClientRect();
                return [...document.querySelectorAll('#plane .surface')].map(e => ({id: e.dataset.surfaceId,
                  x: top.x + parseFloat(e.style.left), y: top.y + parseFloat(e.style.top), w: parseFloat(e.style.width), h: parseFloat(e.style.height),
                  focused: e.classList.contains('focused')}));""");
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(4);
        for (Map<String, Object> b : boxes) {
            assertThat(num(b, "x")).isGreaterThanOrEqualTo(0);
            assertThat(num(b, "x") + num(b, "w")).isLessThanOrEqualTo(1280);
            assertThat(num(b, "y") + num(b, "h")).isLessThanOrEqualTo(720 - 56);
            assertThat(num(b, "h")).isGreaterThanOrEqualTo(140);
            for (Map<String, Object> o : boxes) {
                if (o == b) continue;
                boolean apart = num(b, "x") + num(b, "w") <= num(o, "x") || num(o, "x") + num(o, "w") <= num(b, "x")
                        || num(b, "y") + num(b, "h") <= num(o, "y") || num(o, "y") + num(o, "h") <= num(b, "y");
                assertThat(apart).as("%s and %s overlap", b.get("id"), o.get("id")).isTrue();
            }
        }
        Map<String, Object> focused = boxes.stream().filter(b -> (Boolean) b.get("focused")).findFirst().orElseThrow();
        assertThat(focused.get("id")).isEqualTo(cal);
        // the weather (related to the focused calendar: both about day planning) sits first beside it
        Map<String, Object> firstSide = boxes.stream().filter(b -> !(Boolean) b.get("focused")).min(java.util.Comparator.comparingDouble(b -> num(b, "y"))).orElseThrow();
        assertThat(s.surface(firstSide.get("id").toString()).orElseThrow().draft().dataKind()).isEqualTo("weather");
        // surfaces that do not fit wait on the shelf, one click away
        assertThat(Browser.shared().findElements(By.cssSelector("#shelf button"))).isNotEmpty();
        // ctrl+wheel zooms the plane
        js("document.getElementById('canvas').dispatchEvent(new WheelEvent('wheel', {deltaY: -200, ctrlKey: true, bubbles: true, cancelable: true}))");
        assertThat(Double.parseDouble(js("return document.body.dataset.zoom").toString())).isGreaterThan(1.0);
        js("document.getElementById('canvas').dispatchEvent(new WheelEvent('wheel', {deltaY: 200, ctrlKey: true, bubbles: true, cancelable: true}))");
        screenshot("07-layout-1280x720");

        // on a large screen more surfaces stand beside the focused one, in two columns
        Browser.viewport(2560, 1440);
        try {
            waitFor(d -> (Long) js("return document.querySelectorAll('#plane .surface').length") >= 7);
            assertThat((Long) js("return new Set([...document.querySelectorAll('#plane .surface:not(.focused)')].map(e => e.style.left)).size")).isEqualTo(2L);
            screenshot("11-layout-2560x1440");
        } finally {
            Browser.viewport(1280, 720);
        }
    }

    private static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }
}
