package clay.canvas.browser;

import static clay.canvas.browser.Browser.js;
import static clay.canvas.browser.Browser.screenshot;
import static clay.canvas.browser.Browser.waitFor;
import static clay.canvas.browser.Browser.waitVersion;
import static org.assertj.core.api.Assertions.assertThat;

import clay.canvas.hub.CanvasSession;
import clay.canvas.spec.Specs;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Hostile specs: script in every text field, javascript: links, outside images, and an html surface whose script tries
 * to reach the canvas and the network. A canary server on another port records any request that gets out.
 */
class XssBrowserTest {
    @TempDir static Path dir;
    static CanvasServer server;
    static HttpServer canary;
    static final List<String> hits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = new CanvasServer(dir);
        canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", ex -> {
            hits.add(ex.getRequestURI().toString());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        canary.start();
    }

    @AfterAll
    static void stop() {
        canary.stop(0);
        server.close();
    }

    static String evil(String where) {
        String c = "http://127.0.0.1:" + canary.getAddress().getPort();
        return "<img src=x onerror=\"window.__pwned='" + where + "'\"><script>window.__pwned='" + where + "'</script>"
                + "<img src=\"" + c + "/" + where + "\"><svg onload=\"window.__pwned=1\">\"'><iframe src=javascript:1>";
    }

    @Test
    void scriptInAnySpecFieldIsShownAsTextAndNeverRuns() {
        CanvasSession s = open("xss-fields");
        String c = "http://127.0.0.1:" + canary.getAddress().getPort();
        Specs.Builder b = Specs.surface("<img src=x onerror=\"window.__pwned='title'\"><script>window.__pwned=1</script>");
        b.add(Specs.container("root", "stack", List.of("h", "t", "m", "l", "kv", "tb", "code", "btn", "ch", "in")));
        b.add(Specs.component("h", "heading").put("text", evil("heading")));
        b.add(Specs.component("t", "text").put("text", evil("text")));
        b.add(Specs.component("m", "markdown").put("markdown", "# " + evil("md-heading") + "\n\n[click](javascript:window.__pwned='md-link') "
                + "![img](" + c + "/md-image) <b onmouseover=alert(1)>raw</b> [ok](" + c + "/md-link-target)\n\n```\n" + evil("md-code") + "\n```"));
        ObjectNode list = Specs.component("l", "list");
        list.putArray("items").add(evil("list"));
        b.add(list);
        ObjectNode kv = Specs.component("kv", "keyvalue");
        kv.putArray("entries").addObject().put("key", evil("kv-key")).put("value", evil("kv-value"));
        b.add(kv);
        ObjectNode tb = Specs.component("tb", "table").put("sortable", true);
        tb.putArray("columns").addObject().put("key", "a").put("label", evil("th"));
        tb.putArray("rows").addObject().put("a", evil("td"));
        b.add(tb);
        b.add(Specs.component("code", "code").put("code", evil("code")));
        ObjectNode btn = Specs.component("btn", "button").put("label", evil("button"));
        btn.putObject("action").put("intent", "noop");
        b.add(btn);
        ObjectNode ch = Specs.component("ch", "chart").put("title", evil("chart"));
        ObjectNode vl = ch.putObject("vegaLite");
        vl.put("mark", "bar");
        vl.putObject("data").putArray("values").addObject().put("x", evil("chart-x")).put("y", 3);
        vl.putObject("encoding").set("x", Specs.json().createObjectNode().put("field", "x").put("type", "nominal").put("title", evil("axis")));
        ((ObjectNode) vl.get("encoding")).putObject("y").put("field", "y").put("type", "quantitative");
        b.add(ch);
        b.add(Specs.component("in", "textinput").put("name", "q").put("label", evil("label")).put("placeholder", evil("placeholder")).put("value", evil("value")));
        String id = s.show(b.build());
        assertThat(clay.canvas.spec.SurfaceValidator.shared().problems(s.surface(id).orElseThrow().draft().spec())).isEmpty();
        assertThat(s.surface(id).orElseThrow().draft().spec().toString()).doesNotContain("Could not show");
        waitVersion(s.version());
        // hostile URLs in image sources are refused by validation: an error surface, nothing loaded
        ObjectNode img = Specs.surface("Image").add(Specs.component("i", "image").put("src", c + "/image.png").put("alt", "x")).build();
        s.show(img);
        ObjectNode jsImg = Specs.surface("Image").add(Specs.component("i", "image").put("src", "javascript:window.__pwned=1").put("alt", "x")).build();
        s.show(jsImg);
        waitVersion(s.version());
        sleep(800);

        assertThat(js("return window.__pwned")).isNull();
        assertThat(hits).isEmpty();
        WebElement surface = Browser.shared().findElement(By.cssSelector("[data-surface-id=" + id + "]"));
        assertThat(surface.findElements(By.cssSelector(".body img, .body script, .body iframe, .body svg[onload], .body b"))).isEmpty();
        assertThat(surface.getText()).contains("<script>window.__pwned='text'</script>");
        assertThat(surface.findElements(By.cssSelector("a[href^=javascript]"))).isEmpty();
        assertThat(Browser.shared().findElements(By.cssSelector(".surface.error"))).hasSize(2);
        s.focus(id);
        waitVersion(s.version());
        screenshot("08-xss-shown-as-text");
    }

    @Test
    void htmlSurfaceRunsSandboxedWithoutCanvasOrNetwork() {
        CanvasSession s = open("xss-html");
        String c = "http://127.0.0.1:" + canary.getAddress().getPort();
        String html = "<!doctype html><html><body><h1 id=msg>untouched</h1><script>"
                + "let out=[];"
                + "try{parent.document.body.dataset.pwned='1';out.push('parent-dom')}catch(e){out.push('no-parent-dom')}"
                + "try{parent.__pwned='frame';out.push('parent-js')}catch(e){out.push('no-parent-js')}"
                + "try{localStorage.setItem('x','1');out.push('storage')}catch(e){out.push('no-storage')}"
                + "try{document.cookie='a=b';out.push('cookie:'+document.cookie)}catch(e){out.push('no-cookie')}"
                + "fetch('" + c + "/fetch').then(()=>out.push('fetch')).catch(()=>out.push('no-fetch'));"
                + "new Image().src='" + c + "/image';"
                + "try{new WebSocket('ws://127.0.0.1:" + canary.getAddress().getPort() + "/ws')}catch(e){}"
                + "try{navigator.sendBeacon('" + c + "/beacon','x')}catch(e){}"
                + "try{window.open('" + c + "/popup')}catch(e){}"
                + "try{top.location='" + c + "/top'}catch(e){out.push('no-top-nav')}"
                + "setTimeout(()=>{document.getElementById('msg').textContent='ran: '+out.join(',')},300);"
                + "setTimeout(()=>{location='" + c + "/self-navigation'},900);"
                + "</script></body></html>";
        String id = s.show(Specs.html("Generated page", html));
        waitVersion(s.version());
        WebElement frame = Browser.shared().findElement(By.cssSelector("[data-surface-id=" + id + "] iframe"));
        assertThat(frame.getAttribute("sandbox")).isEqualTo("allow-scripts");
        Browser.shared().switchTo().frame(frame);
        String msg = waitFor(d -> {
            String t = d.findElement(By.id("msg")).getText();
            return t.startsWith("ran:") ? t : null;
        });
        Browser.shared().switchTo().defaultContent();
        screenshot("09-html-surface-sandboxed");
        sleep(1500);

        assertThat(msg).contains("no-parent-dom", "no-parent-js", "no-storage").doesNotContain("fetch,").doesNotContain("cookie:a=b");
        assertThat(js("return window.__pwned")).isNull();
        assertThat(js("return document.body.dataset.pwned")).isNull();
        assertThat(hits).as("requests that reached the canary").isEmpty();
        assertThat(Browser.shared().getWindowHandles()).hasSize(1);
        assertThat(Browser.shared().getCurrentUrl()).startsWith("http://127.0.0.1:" + server.port());
    }

    private static CanvasSession open(String session) {
        return Browser.open(server, session);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
