package org.familyhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}, both given
 * explicitly so that Selenium never downloads a browser) for a test class. {@link #page} checks each page a journey
 * reaches: an axe-core run with no serious or critical violation, and a screenshot in {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;
    private final String journey;
    private int pages;

    public Browser(int port, String journey) {
        assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does it)").exists();
        assertThat(new File(CHROMEDRIVER)).as("Debian's chromedriver").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // localhost, not 127.0.0.1: the session cookie is Secure, and Chromium keeps Secure cookies for localhost
        this.base = "http://localhost:" + port;
        this.journey = journey;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /** Waits for a page whose path starts with {@code prefix} (after a form that JavaScript sends, say). */
    public void waitForPath(String prefix) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> path().startsWith(prefix)
                && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Clicks a button or link that loads a page, and waits until the new page has replaced this one. */
    public void submit(String css) {
        WebElement html = driver.findElement(By.tagName("html"));
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(html));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Waits for an element that a script puts on the page (a page part replaced in place, say). */
    public WebElement waitFor(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public void type(String css, String value) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(value);
    }

    public void signIn(String user) {
        open("/login");
        type("#username", user);
        type("#password", user);
        submit("button[type=submit]");
        assertThat(path()).as("signed in as %s", user).matches("/(\\?continue)?"); // "?continue": back to the page asked for
    }

    /** Signs out and waits for the sign-in page that says so. */
    public void signOut() {
        submit(".fh-account__signout button");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
        open("/");
        assertThat(path()).as("signed out: the start page asks to sign in again").startsWith("/login");
    }

    /** The page as it stands: a screenshot named after the journey and step, and no serious/critical axe violation. */
    public void page(String name) {
        pages++;
        Path file = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", journey, pages, name));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // the browser is 1280 pixels wide, as a council laptop is: nothing may need a horizontal scrollbar there
        Object overflow = driver.executeScript("""
                const width = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= width) { return null; }
                const wide = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > width + 1);
                return document.documentElement.scrollWidth + 'px wide: '
                    + wide.slice(-3).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).join(', ');""");
        assertThat(overflow).as("a horizontal scrollbar on %s (%s): %s", path(), name, overflow).isNull();
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> bad = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
        assertThat(bad).as("axe-core on %s (%s): %s", path(), name, bad.stream()
                .map(r -> r.getId() + " [" + r.getImpact() + "] " + r.getHelp() + " at " + r.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
