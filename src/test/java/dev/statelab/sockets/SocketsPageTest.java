package dev.statelab.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;

import dev.statelab.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The sockets page in a browser: a learner signs in, finds their own socket, and runs a burst. */
class SocketsPageTest extends SocketsLabContext {

    @Test
    void aLearnerSeesTheirOwnSocketAndABurstWhereOnlyUdpLoses() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(1280, 1800); Socket mine = connect()) {
            assertThat(readGreeting(mine)).isEqualTo("Hello, Client");
            ChromeDriver page = browser.driver();
            page.get("http://127.0.0.1:" + httpPort + "/sockets.html");
            wait(page).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#signin button")));
            assertThat(page.findElement(By.id("snip-tcp-client")).getText()).contains("b'Hello, Client'");

            page.findElement(By.id("user")).clear();
            page.findElement(By.id("user")).sendKeys(USER);
            page.findElement(By.id("password")).sendKeys(PASSWORD);
            page.findElement(By.cssSelector("#signin button")).click();
            awaitText(page, By.id("signin-status"), "Signed in as alice");
            awaitText(page, By.id("tcp-rows"), "127.0.0.1:" + mine.getLocalPort());
            String row = page.findElements(By.cssSelector("#tcp-rows tr")).stream().map(WebElement::getText)
                    .filter(text -> text.contains("127.0.0.1:" + mine.getLocalPort())).findFirst().orElseThrow();
            assertThat(row).contains("127.0.0.1:" + tcp.port());
            assertThat(page.findElement(By.id("snip-tcp-client")).getText()).contains(", " + tcp.port() + "))");
            assertThat(page.findElement(By.id("snip-udp-client")).getText()).contains(", " + udp.port() + "))");
            assertThat(page.findElement(By.id("impairment")).getText()).containsIgnoringCase("simulated");

            setValue(page, "count", "120");
            setValue(page, "loss", "0.3");
            setValue(page, "reorder", "0.2");
            setValue(page, "delay", "0");
            page.findElement(By.id("run-burst")).click();
            wait(page).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-udp svg circle")));

            String tcpSummary = page.findElement(By.cssSelector("#chart-tcp .summary")).getText();
            String udpSummary = page.findElement(By.cssSelector("#chart-udp .summary")).getText();
            assertThat(tcpSummary).startsWith("120 of 120 delivered, 0 lost, 0 out of order");
            assertThat(udpSummary).doesNotStartWith("120 of 120").contains("lost");
            assertThat(page.findElements(By.cssSelector("#chart-tcp .lost"))).isEmpty();
            assertThat(page.findElements(By.cssSelector("#chart-tcp circle"))).hasSize(120);
            int lostTicks = page.findElements(By.cssSelector("#chart-udp .lost")).size();
            int dots = page.findElements(By.cssSelector("#chart-udp circle")).size();
            assertThat(lostTicks).isPositive();
            assertThat(dots + lostTicks).isEqualTo(120);
            assertThat(udpSummary).startsWith(dots + " of 120 delivered, " + lostTicks + " lost");
            assertThat(page.findElements(By.cssSelector("#chart-udp .late"))).isNotEmpty();
            assertThat(page.findElement(By.id("chart-udp")).getText()).containsIgnoringCase("simulated");
            page.executeScript("document.getElementById('burst-title').scrollIntoView()");
            browser.screenshot("sockets-page");
        }
    }

    private static void setValue(WebDriver page, String id, String value) {
        WebElement input = page.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static WebDriverWait wait(WebDriver page) {
        return new WebDriverWait(page, Duration.ofSeconds(15));
    }

    private static void awaitText(WebDriver page, By where, String text) {
        wait(page).until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    }
}
