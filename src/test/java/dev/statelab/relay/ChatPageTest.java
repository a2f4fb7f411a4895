package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.statelab.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.CloseStatus;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two people in two browsers (a desktop and a phone-sized one) chat through the page, and one of them
 * loses nothing over a short disconnect.
 */
class ChatPageTest extends RelayTestBase {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @Test
    void twoBrowsersSeeEachOthersMessagesAndPresenceAndMarkupStaysText() {
        try (HeadlessChromium desktop = HeadlessChromium.start(1280, 800);
             HeadlessChromium phone = HeadlessChromium.start(390, 844)) {
            ChromeDriver ana = desktop.driver();
            ChromeDriver alice = phone.driver();
            // headless Chromium keeps windows at least 500 px wide; emulate the phone's viewport instead
            alice.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));

            open(ana);
            desktop.screenshot("chat-desktop-start");
            ana.findElement(By.id("nick")).sendKeys("ana");
            ana.findElement(By.id("nick")).sendKeys(Keys.ENTER);
            awaitText(ana, By.id("status"), "Connected as ana in lobby");

            open(alice);
            alice.findElement(By.cssSelector("#signin summary")).click();
            alice.findElement(By.id("user")).sendKeys("alice");
            alice.findElement(By.id("password")).sendKeys("secret");
            alice.findElement(By.id("join-button")).click();
            awaitText(alice, By.id("status"), "Connected as alice in lobby");

            awaitText(ana, By.id("members"), "alice");
            assertThat(memberLines(ana)).anySatisfy(line -> assertThat(line).matches("(?s)alice\\s+account\\s+127\\.0\\.0\\.1:\\d+(\\s+Direct)?"));
            assertThat(memberLines(alice)).anySatisfy(line -> assertThat(line).matches("(?s)ana\\s+127\\.0\\.0\\.1:\\d+(\\s+Direct)?"));

            say(ana, "hello from a desktop");
            awaitText(alice, By.id("messages"), "hello from a desktop");
            say(alice, HOSTILE);
            awaitText(ana, By.id("messages"), HOSTILE);
            awaitText(alice, By.id("messages"), HOSTILE);

            for (ChromeDriver driver : List.of(ana, alice)) {
                assertThat(driver.findElements(By.cssSelector("#messages img"))).isEmpty();
                assertThat(driver.findElements(By.cssSelector("#messages .text")))
                        .extracting(WebElement::getText).contains(HOSTILE, "hello from a desktop");
                assertNoAlert(driver);
            }
            assertThat(ana.findElement(By.cssSelector("#messages .message time")).getText()).matches(".*\\d\\d.*");

            // a short network drop: the relay loses ana's socket; alice writes meanwhile
            handler.connections().stream().filter(c -> c.user == null && "lobby".equals(c.room()))
                    .forEach(c -> handler.drop(c, CloseStatus.GOING_AWAY));
            awaitText(alice, By.id("messages"), "ana left");
            say(alice, "while you were away");
            awaitText(ana, By.id("messages"), "while you were away");
            awaitText(ana, By.id("status"), "Connected as ana in lobby");
            assertThat(ana.findElement(By.id("notice")).isDisplayed()).as("no 'may have missed' notice").isFalse();
            assertThat(ana.findElements(By.cssSelector("#messages .text"))).extracting(WebElement::getText)
                    .containsExactly("hello from a desktop", HOSTILE, "while you were away");

            desktop.screenshot("chat-desktop");
            phone.screenshot("chat-phone");

            alice.findElement(By.id("leave-button")).click();
            awaitText(ana, By.id("messages"), "alice left");
            assertThat(ana.findElement(By.id("members")).getText()).doesNotContain("alice");
        }
    }

    @Autowired
    ChatHandler handler;

    private void open(WebDriver driver) {
        driver.get("http://127.0.0.1:" + port + "/chat.html");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("join-button")));
    }

    private static void say(WebDriver driver, String text) {
        WebElement input = driver.findElement(By.id("text"));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(input));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    private static List<String> memberLines(WebDriver driver) {
        return driver.findElements(By.cssSelector("#members li")).stream().map(WebElement::getText).toList();
    }

    private static void awaitText(WebDriver driver, By where, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    }

    private static void assertNoAlert(WebDriver driver) {
        try {
            driver.switchTo().alert();
            throw new AssertionError("an alert fired: markup in a message was run");
        } catch (NoAlertPresentException expected) {
            // the text stayed text
        }
    }
}
