package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.statelab.support.HeadlessChromium;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.CloseStatus;

/** Room names that are also names of every JavaScript object's properties are rooms like any other. */
class ChatRoomNamesTest extends RelayTestBase {

    @Autowired
    ChatHandler handler;

    @ParameterizedTest
    @ValueSource(strings = {"__proto__", "constructor", "toString"})
    void aRoomNamedLikeAnObjectPropertyShowsNoMissingMessagesNoticeAndRecoversAfterADrop(String room) {
        try (HeadlessChromium browser = HeadlessChromium.start(1280, 800)) {
            ChromeDriver page = browser.driver();
            page.get("http://127.0.0.1:" + port + "/chat.html");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(10));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("join-button")));
            page.findElement(By.id("room")).clear();
            page.findElement(By.id("room")).sendKeys(room);
            page.findElement(By.id("nick")).sendKeys("names" + Math.abs(room.hashCode() % 1000));
            page.findElement(By.id("join-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), " in " + room));
            assertThat(page.findElement(By.id("notice")).isDisplayed()).as("no 'may be missing' on a first join").isFalse();

            WebElement input = page.findElement(By.id("text"));
            input.sendKeys("first in " + room, Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "first in " + room));

            List<Connection> before = handler.connections().stream().filter(c -> room.equals(c.room())).toList();
            assertThat(before).hasSize(1);
            before.forEach(c -> handler.drop(c, CloseStatus.GOING_AWAY));
            wait.until(d -> handler.connections().stream().anyMatch(c -> room.equals(c.room()) && !before.contains(c)));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), " in " + room));
            browser.screenshot("chat-room-" + room.replace("_", "u"));
            assertThat(page.findElement(By.id("notice")).isDisplayed()).as("recovered: nothing missing").isFalse();
            assertThat(page.findElements(By.cssSelector("#messages .text"))).extracting(WebElement::getText)
                    .containsExactly("first in " + room);
        }
    }
}
