package clay.canvas.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one headless Chromium all browser tests share, started on first use and quit when the test JVM exits. Uses
 * Debian's chromium and chromedriver ({@code CLAY_CHROMIUM}, {@code CLAY_CHROMEDRIVER} override the paths). Shared with
 * the runtime's browser tests through this module's test-jar.
 */
public final class Browser {
    /**
     * Where browser tests write their screenshots: {@code target/screenshots} of the module under test, so a test run
     * never touches tracked files. {@code -Dclay.screenshots=DIR} points them elsewhere; {@code bin/refresh-screenshots}
     * uses it to renew {@code docs/screenshots/}.
     */
    public static final Path SCREENSHOTS = System.getProperty("clay.screenshots", "").isBlank()
            ? Path.of(System.getProperty("user.dir"), "target", "screenshots")
            : Path.of(System.getProperty("clay.screenshots"));
    private static ChromeDriver driver;

    private Browser() {}

    public static synchronized ChromeDriver shared() {
        if (driver != null) return driver;
        String chromium = System.getenv().getOrDefault("CLAY_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CLAY_CHROMEDRIVER", "/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(chromedriver)),
                "SKIPPED LOUDLY: browser tests need Chromium and chromedriver (apt-get install chromium chromium-driver)");
        try {
            Path profile = Files.createTempDirectory("clay-chromium");
            ChromeOptions o = new ChromeOptions().setBinary(chromium);
            o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                    "--enable-precise-memory-info", "--user-data-dir=" + profile, "--window-size=1280,720");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver).toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, o);
            viewport(1280, 720);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> driver.quit()));
            return driver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sizes the window so the page's viewport is {@code w} x {@code h}. */
    public static void viewport(int w, int h) {
        ChromeDriver d = shared();
        d.manage().window().setSize(new Dimension(w, h));
        long innerW = (Long) d.executeScript("return window.innerWidth"), innerH = (Long) d.executeScript("return window.innerHeight");
        d.manage().window().setSize(new Dimension(w + (int) (w - innerW), h + (int) (h - innerH)));
    }

    /** Opens the canvas of {@code session} and waits until its socket is connected. */
    static clay.canvas.hub.CanvasSession open(CanvasServer server, String session) {
        clay.canvas.hub.CanvasSession s = server.hub.session(session);
        shared().get(server.url(session));
        waitFor(d -> "connected".equals(js("return document.getElementById('status').textContent")));
        return s;
    }

    public static Object js(String script, Object... args) {
        return ((JavascriptExecutor) shared()).executeScript(script, args);
    }

    public static <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(shared(), Duration.ofSeconds(10)).until(condition);
    }

    /** Waits until the canvas has drawn a state at least this new. */
    public static void waitVersion(long version) {
        waitFor(d -> {
            Object v = js("return document.body.dataset.transitioning ? null : document.body.dataset.version");
            return v != null && Long.parseLong(v.toString()) >= version;
        });
    }

    public static void screenshot(String name) {
        try {
            Thread.sleep(300); // let layout transitions settle
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) shared()).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
