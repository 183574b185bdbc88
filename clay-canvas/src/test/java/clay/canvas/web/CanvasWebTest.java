package clay.canvas.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanvasWebTest {
    final CanvasWeb web = CanvasWeb.shared();

    @Test
    void pageIsServedUnderAStrictPolicyThatAllowsOnlyItsOwnImportMap() {
        var page = web.asset("/").orElseThrow();
        String csp = page.headers().get("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self' 'sha256-", "object-src 'none'", "frame-ancestors 'none'", "trusted-types lit-html")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<script type=\"importmap\">");
    }

    @Test
    void servesAppModulesAndLitFromItsWebJarsButNothingElse() {
        assertThat(web.asset("/app/main.js")).get().extracting(CanvasWeb.Asset::contentType).asString().startsWith("text/javascript");
        assertThat(web.asset("/vendor/lit/index.js")).isPresent();
        assertThat(web.asset("/vendor/lit-html/lit-html.js")).isPresent();
        assertThat(web.asset("/vendor/@lit/reactive-element/reactive-element.js")).isPresent();
        assertThat(web.asset("/app/../../META-INF/MANIFEST.MF")).isEmpty();
        assertThat(web.asset("/vendor/lit/../../../../clay/canvas/spec/surface-schema.json")).isEmpty();
        assertThat(web.asset("/clay/canvas/web/main.js")).isEmpty();
        assertThat(web.asset("/vendor/left-pad/index.js")).isEmpty();
    }

    @Test
    void framesMayRunScriptsButReachNothing() {
        String csp = web.frame("<p>x</p>").headers().get("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "sandbox allow-scripts", "form-action 'none'").doesNotContain("allow-same-origin").doesNotContain("connect-src");
    }
}
