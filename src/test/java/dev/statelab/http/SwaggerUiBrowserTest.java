package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.statelab.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Swagger UI in a real headless browser, used as a person would: authorize with Basic, make a folder,
 * upload a chosen file and download it again; then log in to the FTP-style API, put the token into
 * Authorize and run commands with it. Runs in the stateless API's shared test context.
 */
class SwaggerUiBrowserTest extends HttpApiTest {

    private static final String FILES_PATH = "/api/http/files/{path}";
    private static final String CONTENT = "hello from Swagger UI\n";

    private static HeadlessChromium browser;
    private static WebDriverWait wait;

    @TempDir
    Path chosen;

    /** What the page showed when a test failed, to see why. */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot("swagger-failed-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void openBrowser() {
        browser = HeadlessChromium.start(1280, 2400);
        wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(15));
        wait.pollingEvery(Duration.ofMillis(100));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void fileMadeUploadedAndDownloadedFromSwaggerUiWithBasic() throws IOException {
        FileSystemUtils.deleteRecursively(onDisk("ui-docs").toFile());
        Path upload = Files.writeString(chosen.resolve("hello.txt"), CONTENT);
        openSwaggerUi();
        authorize("basicAuth", USER, USER_PASSWORD);

        WebElement mkdir = tryOut("post", FILES_PATH);
        fill(mkdir, "path", "ui-docs");
        new Select(mkdir.findElement(By.cssSelector("tr[data-param-name='action'] select")))
                .selectByVisibleText("mkdir");
        assertThat(execute(mkdir)).isEqualTo("201");
        assertThat(onDisk("ui-docs")).isDirectory();

        WebElement put = tryOut("put", FILES_PATH);
        fill(put, "path", "ui-docs/hello.txt");
        put.findElement(By.cssSelector("input[type='file']")).sendKeys(upload.toAbsolutePath().toString());
        assertThat(execute(put)).isEqualTo("201");
        browser.screenshot("swagger-upload");
        assertThat(get("ui-docs/hello.txt").body()).isEqualTo(CONTENT);

        WebElement get = tryOut("get", FILES_PATH);
        fill(get, "path", "ui-docs/hello.txt");
        assertThat(execute(get)).isEqualTo("200");
        browser.screenshot("swagger-download");
        assertThat(responseBody(get)).contains(CONTENT.strip());
    }

    @Test
    void ftpLoginThenCommandsWorkFromSwaggerUiWithTheToken() throws IOException {
        FileSystemUtils.deleteRecursively(onDisk("ui-ftp").toFile());
        assertThat(post("ui-ftp?action=mkdir").statusCode()).isEqualTo(201);
        openSwaggerUi();

        WebElement login = tryOut("post", "/api/ftp/session");
        assertThat(login.findElement(By.cssSelector(".responses-table tr.response[data-code='201']")).getDomProperty("textContent"))
                .as("the documented login reply").contains("230").contains("User demo logged in");
        WebElement body = login.findElement(By.cssSelector("textarea.body-param__text"));
        body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        body.sendKeys("{\"user\": \"" + USER + "\", \"pass\": \"" + USER_PASSWORD + "\"}");
        assertThat(execute(login)).isEqualTo("201");
        JsonNode reply = JsonMapper.shared().readTree(responseBody(login));
        assertThat(reply.get("code").asInt()).isEqualTo(230);
        String token = reply.get("token").asString();
        assertThat(token).isNotBlank();

        authorize("ftpToken", token);

        WebElement pwd = tryOut("get", "/api/ftp/pwd");
        assertThat(execute(pwd)).isEqualTo("200");
        assertThat(responseBody(pwd)).contains("257");

        WebElement cwd = tryOut("post", "/api/ftp/cwd");
        fill(cwd, "path", "ui-ftp");
        assertThat(execute(cwd)).isEqualTo("200");
        assertThat(responseBody(cwd)).contains("250");
        browser.screenshot("swagger-ftp");

        assertThat(execute(pwd)).isEqualTo("200");
        assertThat(responseBody(pwd)).contains("257").contains("ui-ftp");

        WebElement stor = tryOut("put", "/api/ftp/stor");
        fill(stor, "path", "note.txt");
        stor.findElement(By.cssSelector("input[type='file']"))
                .sendKeys(Files.writeString(chosen.resolve("note.txt"), CONTENT).toAbsolutePath().toString());
        execute(stor);
        assertThat(responseBody(stor)).contains("226");
        assertThat(get("ui-ftp/note.txt").body()).isEqualTo(CONTENT);

        WebElement retr = tryOut("get", "/api/ftp/retr");
        fill(retr, "path", "note.txt");
        assertThat(execute(retr)).isEqualTo("200");
        browser.screenshot("swagger-ftp-retr");
        assertThat(responseBody(retr)).contains("x-ftp-reply: 226");
        assertThat(downloadedText(retr)).isEqualTo(CONTENT);
    }

    private void openSwaggerUi() {
        browser.driver().get(uri("/swagger-ui.html").toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".scheme-container button.authorize")));
    }

    /** Authorize dialog: fills the named scheme's fields in order and confirms, then closes the dialog. */
    private void authorize(String scheme, String... values) {
        click(browser.driver().findElement(By.cssSelector(".scheme-container button.authorize")));
        WebElement container = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'auth-container')][.//h4[contains(normalize-space(.),'" + scheme + "')]]")));
        var inputs = container.findElements(By.cssSelector("input"));
        for (int i = 0; i < values.length; i++) {
            inputs.get(i).sendKeys(values[i]);
        }
        click(container.findElement(By.cssSelector("button.authorize")));
        wait.until(d -> container.findElements(By.cssSelector("button.auth")).stream()
                .anyMatch(button -> button.getText().contains("Logout")));
        browser.screenshot("swagger-authorize-" + scheme);
        click(browser.driver().findElement(By.cssSelector(".modal-ux button.close-modal")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /** Opens the operation, presses "Try it out" and returns its block. */
    private WebElement tryOut(String method, String path) {
        By block = By.xpath("//div[contains(@class,'opblock-" + method + "')][.//*[@data-path='" + path + "']]");
        WebElement operation = wait.until(ExpectedConditions.presenceOfElementLocated(block));
        if (operation.findElements(By.cssSelector(".opblock-body")).isEmpty()) {
            click(operation.findElement(By.cssSelector(".opblock-summary")));
        }
        WebElement button = wait.until(d -> operation.findElement(By.cssSelector("button.try-out__btn")));
        if (!button.getText().contains("Cancel")) {
            click(button);
        }
        wait.until(d -> !operation.findElements(By.cssSelector("button.execute")).isEmpty());
        return operation;
    }

    private void fill(WebElement operation, String parameter, String value) {
        WebElement input = operation.findElement(By.cssSelector("tr[data-param-name='" + parameter + "'] input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
    }

    /** Presses Execute and returns the status code Swagger UI shows for the live response. */
    private String execute(WebElement operation) {
        operation.findElements(By.cssSelector(".live-responses-table")).forEach(table -> {
            click(operation.findElement(By.cssSelector("button.btn-clear")));
            wait.until(ExpectedConditions.stalenessOf(table));
        });
        click(operation.findElement(By.cssSelector("button.execute")));
        WebElement status = wait.until(d -> operation.findElement(
                By.cssSelector(".live-responses-table tr.response .response-col_status")));
        return status.getText().strip();
    }

    private String responseBody(WebElement operation) {
        WebElement cell = operation.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description"));
        var code = cell.findElements(By.cssSelector(".highlight-code pre, pre.microlight"));
        if (!code.isEmpty()) {
            return code.get(0).getDomProperty("textContent");
        }
        return cell.getDomProperty("textContent");
    }

    /** The text behind the "Download file" link Swagger UI offers for an attachment, read in the page. */
    private String downloadedText(WebElement operation) {
        WebElement link = operation.findElement(By.linkText("Download file"));
        return (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0].href).then(r => r.text()).then(done, e => done('failed: ' + e));", link);
    }

    private void click(WebElement element) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }
}
