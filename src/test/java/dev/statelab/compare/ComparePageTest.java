package dev.statelab.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.statelab.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The compare page in headless Chromium, as a learner uses it. */
class ComparePageTest extends CompareTestBase {

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(1280, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private ChromeDriver signIn() {
        ChromeDriver driver = chromium.driver();
        driver.get(uri("/compare.html").toString());
        driver.findElement(By.id("user")).clear();
        driver.findElement(By.id("user")).sendKeys(ADMIN);
        driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("#signin button")).click();
        waitUntil(driver, () -> driver.findElement(By.id("signin-status")).getText().startsWith("Signed in"));
        return driver;
    }

    private void runScenario(ChromeDriver driver, String scenario) {
        new Select(driver.findElement(By.id("scenario"))).selectByValue(scenario);
        driver.findElement(By.id("run")).click();
        waitUntil(driver, () -> scenario.equals(driver.findElement(By.id("result")).getDomAttribute("data-scenario"))
                && "true".equals(driver.findElement(By.id("result")).getDomAttribute("data-done")));
    }

    @Test
    void eachScenarioRunsToTheEndWithBothColumnsAndTotals() {
        ChromeDriver driver = signIn();
        for (String scenario : List.of("browse-download-rename", "resume-cut-download", "two-clients-edit", "login-and-logout")) {
            runScenario(driver, scenario);
            assertThat(driver.findElements(By.cssSelector("#steps .side-http .exchange"))).as(scenario).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("#steps .side-ftp .exchange"))).as(scenario).isNotEmpty();
            List<WebElement> totals = driver.findElements(By.cssSelector("#totals tbody tr"));
            assertThat(totals).hasSize(6);
            assertThat(totals.get(0).findElement(By.cssSelector("td.http")).getText()).isNotBlank();
            assertThat(totals.get(0).findElement(By.cssSelector("td.ftp")).getText()).isNotBlank();
            fullPage(driver, "compare-" + scenario);
        }
        waitUntil(driver, () -> !driver.findElements(By.cssSelector("#metrics [data-metric=requests-http]")).isEmpty());
    }

    @Test
    void theFtpColumnMarksWhatChangedInTheHeldRecordSinceTheStepBefore() {
        ChromeDriver driver = signIn();
        runScenario(driver, "browse-download-rename");
        List<WebElement> steps = driver.findElements(By.cssSelector("#steps > li"));
        assertThat(steps.get(0).findElements(By.cssSelector(".side-ftp .held dd.changed")))
                .as("the login step has nothing before it").isEmpty();
        List<WebElement> changed = steps.get(1).findElements(By.cssSelector(".side-ftp .held dd.changed"));
        assertThat(changed).extracting(WebElement::getText).as("CWD docs changes the cwd")
                .anyMatch(text -> text.endsWith("/docs"));
        assertThat(changed).extracting(cell -> cell.getDomAttribute("title"))
                .anyMatch(title -> title != null && title.startsWith("was "));
    }

    @Test
    void afterTheServerForgetsTheFtpColumnMustLogInAgainWhileTheStatelessOneContinues() {
        ChromeDriver driver = signIn();
        driver.findElement(By.cssSelector(".demo[data-scenario=server-forgets]")).click();
        waitUntil(driver, () -> "server-forgets".equals(driver.findElement(By.id("result")).getDomAttribute("data-scenario")));
        WebElement finish = driver.findElements(By.cssSelector("#steps > li")).stream()
                .filter(step -> step.findElement(By.tagName("h3")).getText().endsWith("Finish the rename"))
                .findFirst().orElseThrow();
        WebElement ftp = finish.findElement(By.cssSelector(".side-ftp .exchange"));
        assertThat(ftp.getDomAttribute("class")).contains("gone");
        assertThat(ftp.getText()).contains("must log in again").contains("401");
        WebElement http = finish.findElement(By.cssSelector(".side-http .exchange"));
        assertThat(http.getDomAttribute("class")).contains("status-2xx");
        assertThat(http.getText()).contains("carries on");
        driver.executeScript("arguments[0].scrollIntoView()", finish);
        chromium.screenshot("compare-server-forgets");
        fullPage(driver, "compare-server-forgets-full");
    }

    @Test
    void theWirePanelShowsFtpOpeningMoreConnectionsThanHttpForTheSameTask() {
        ChromeDriver driver = signIn();
        WebElement button = driver.findElement(By.id("wire-run"));
        driver.executeScript("arguments[0].scrollIntoView()", button);
        button.click();
        waitUntil(driver, () -> driver.findElements(By.cssSelector("#wire tr")).size() == 6);
        List<WebElement> rows = driver.findElements(By.cssSelector("#wire tr"));
        List<WebElement> connections = rows.get(1).findElements(By.tagName("td"));
        assertThat(connections.get(0).getText()).isEqualTo("TCP connections opened");
        int http = Integer.parseInt(connections.get(1).getText());
        int ftp = Integer.parseInt(connections.get(2).getText());
        assertThat(http).isPositive();
        assertThat(ftp).as("one control connection and one data connection per transfer").isGreaterThan(http);
        assertThat(rows.get(4).findElements(By.tagName("td")).get(2).getText()).as("FTP's data bytes").isNotBlank();
        driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("wire")));
        chromium.screenshot("compare-wire");
    }

    @Test
    void pageIsReadableOnAPhone() {
        ChromeDriver driver = signIn();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            runScenario(driver, "browse-download-rename");
            Long overflow = (Long) driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).isLessThanOrEqualTo(0L);
            fullPage(driver, "compare-phone");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    /** The whole page, not just the window, as build artifact. */
    private static void fullPage(ChromeDriver driver, String name) {
        Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Number height = (Number) driver.executeScript("return Math.min(document.documentElement.scrollHeight, 12000)");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(HeadlessChromium.SCREENSHOTS);
            Files.write(HeadlessChromium.SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitUntil(ChromeDriver driver, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
    }
}
