package dev.statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.statelab.support.TemporaryStorage;
import dev.statelab.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a real browser sends: a fetch from this service's own page changes things; a form another site
 * submits to it (here a page on {@code localhost}, another site than {@code 127.0.0.1}) is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.ftp.port=-1", "statelab.sockets.tcp-port=-1", "statelab.sockets.udp-port=-1",
        "statelab.users.accounts.ana.password={noop}ana-secret"})
class CrossOriginBrowserTest {

    static final Path ROOT = TemporaryStorage.create("statelab-cross-origin-browser-");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", ROOT::toString);
    }

    @Test
    void ownPageChangesThingsAndAnotherSitesFormIsRefused() {
        try (HeadlessChromium browser = HeadlessChromium.start(1024, 768)) {
            ChromeDriver driver = browser.driver();
            driver.get("http://127.0.0.1:" + port + "/index.html");
            Object status = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/http/files/from-own-page?action=mkdir', {method: 'POST',
                        headers: {Authorization: 'Basic ' + btoa('ana:ana-secret')}})
                      .then(r => done(r.status), e => done(String(e)));""");
            assertThat(status).isEqualTo(201L);
            assertThat(Files.isDirectory(ROOT.resolve("ana/from-own-page"))).isTrue();

            driver.get("http://localhost:" + port + "/index.html");
            driver.executeScript("""
                    const form = document.createElement('form');
                    form.method = 'post';
                    form.enctype = 'text/plain';
                    form.action = arguments[0];
                    const field = document.createElement('input');
                    field.name = 'a'; field.value = 'b';
                    form.appendChild(field);
                    document.body.appendChild(form);
                    form.submit();""", "http://127.0.0.1:" + port + "/api/http/files/from-other-site?action=mkdir");
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("from-other-site"));
            String shown = driver.findElement(By.tagName("body")).getText();
            browser.screenshot("cross-origin-refused");
            assertThat(shown).contains("cross-origin-request");
            assertThat(Files.exists(ROOT.resolve("ana/from-other-site"))).isFalse();
        }
    }
}
