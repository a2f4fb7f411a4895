package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import dev.statelab.support.HeadlessChromium;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two browsers in one room: the relay introduces them, then chat, a file and numbered bursts go peer to
 * peer over WebRTC data channels; when no direct path can come up the page falls back to the relay.
 */
class ChatDirectPathTest extends RelayTestBase {

    private static final String PAIR = "\\S+:\\d+ ↔ .+:\\d+ over (UDP|TCP)";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

    @Autowired
    ChatHandler handler;

    @TempDir
    Path files;

    @Test
    void membersTalkAndSendAFileDirectlyWhileTheRelayCountsNoMessage() throws IOException {
        try (HeadlessChromium first = HeadlessChromium.startForPeerConnections(1280, 900);
             HeadlessChromium second = HeadlessChromium.startForPeerConnections(1280, 900)) {
            ChromeDriver ana = first.driver();
            ChromeDriver bo = second.driver();
            join(ana, "", "p2p-direct", "ana");
            join(bo, "", "p2p-direct", "bo");
            directTo(ana, "bo");
            awaitState(ana, "open", Duration.ofSeconds(10));
            awaitState(bo, "open", Duration.ofSeconds(10));
            assertThat(ana.findElement(By.id("direct-status")).getText()).matches("Direct to bo: " + PAIR);
            assertThat(bo.findElement(By.id("direct-status")).getText()).matches("Direct to ana: " + PAIR);

            double relayed = relayMessages();
            say(ana, "straight to you");
            awaitText(bo, By.cssSelector("#messages .message.direct"), "straight to you");
            say(bo, "and back");
            awaitText(ana, By.cssSelector("#messages"), "and back");
            for (ChromeDriver page : new ChromeDriver[] {ana, bo}) {
                assertThat(page.findElements(By.cssSelector("#messages .message")))
                        .hasSize(2)
                        .allSatisfy(m -> {
                            assertThat(m.getAttribute("data-path")).isEqualTo("direct");
                            assertThat(m.findElement(By.className("path")).getText()).matches("direct.* · " + PAIR);
                        });
            }

            // the relay drops both sockets: the direct path does not depend on them
            handler.connections().stream().filter(c -> "p2p-direct".equals(c.room()))
                    .forEach(c -> handler.drop(c, CloseStatus.GOING_AWAY));
            say(ana, "while the relay reconnects");
            awaitText(bo, By.id("messages"), "while the relay reconnects");
            awaitText(ana, By.id("status"), "Connected as ana in p2p-direct");
            awaitText(bo, By.id("status"), "Connected as bo in p2p-direct");
            assertThat(bo.findElement(By.id("direct-status")).getAttribute("data-state")).isEqualTo("open");
            assertThat(ana.findElement(By.id("direct-status")).getAttribute("data-state")).isEqualTo("open");
            assertThat(bo.findElements(By.cssSelector("#messages .message"))).as("direct messages outlive the relay's rejoin")
                    .extracting(m -> m.getAttribute("data-path") + ":" + m.findElement(By.className("text")).getText())
                    .containsExactly("direct:straight to you", "direct:and back", "direct:while the relay reconnects");

            byte[] content = new byte[1024 * 1024];
            new Random(13).nextBytes(content);
            Path file = Files.write(files.resolve("one-mebibyte.bin"), content);
            ana.findElement(By.id("file")).sendKeys(file.toString());
            ana.findElement(By.id("send-file")).click();
            WebElement arrived = new WebDriverWait(bo, Duration.ofSeconds(30)).until(d ->
                    d.findElements(By.cssSelector("#transfers li[data-ok]")).stream().findFirst().orElse(null));
            assertThat(arrived.getAttribute("data-ok")).isEqualTo("true");
            assertThat(arrived.getAttribute("data-size")).isEqualTo(String.valueOf(content.length));
            assertThat(arrived.getAttribute("data-sha256")).isEqualTo(sha256(content));
            assertThat(arrived.getText()).contains("1,048,576 bytes received directly", "matches");
            WebElement sent = new WebDriverWait(ana, Duration.ofSeconds(30)).until(d ->
                    d.findElements(By.cssSelector("#transfers li[data-ms]")).stream().findFirst().orElse(null));
            assertThat(sent.getAttribute("data-ok")).isEqualTo("true");
            assertThat(signalBytes(ana)).as("the server carried only signaling, a few KB").isBetween(500L, 20_000L);

            // a third member cannot take the open path over: its offer is declined
            try (ChatClient eve = ChatClient.connect(port)) {
                eve.join("p2p-direct", "eve");
                eve.send("{\"type\":\"signal\",\"to\":\"ana\",\"data\":{\"kind\":\"offer\",\"sdp\":\"v=0\"}}");
                JsonNode declined = eve.next("signal");
                assertThat(declined.path("from").asString()).isEqualTo("ana");
                assertThat(declined.path("data").path("kind").asString()).isEqualTo("bye");
            }
            assertThat(ana.findElement(By.id("direct-status")).getAttribute("data-state")).isEqualTo("open");

            JsonNode reliable = burst(ana, "reliable");
            assertThat(reliable.path("delivered").asInt()).isEqualTo(100);
            assertThat(reliable.path("outOfOrder").asInt()).isZero();
            JsonNode unreliable = burst(ana, "unreliable");
            assertThat(unreliable.path("delivered").asInt()).as("loopback loses (almost) nothing").isGreaterThanOrEqualTo(95);

            assertThat(relayMessages()).as("no message went through the relay").isEqualTo(relayed);
            first.screenshot("chat-direct-sender");
            second.screenshot("chat-direct-receiver");
        }
    }

    @Test
    void withoutIceCandidatesThePageFallsBackToTheRelayWithinItsTimeout() {
        try (HeadlessChromium first = HeadlessChromium.startForPeerConnections(1280, 900);
             HeadlessChromium second = HeadlessChromium.startForPeerConnections(1280, 900)) {
            ChromeDriver ana = first.driver();
            ChromeDriver bo = second.driver();
            join(ana, "?ice=none&directTimeout=3000", "p2p-fallback", "ana");
            join(bo, "", "p2p-fallback", "bo");
            long started = System.nanoTime();
            directTo(ana, "bo");
            awaitState(ana, "fallback", Duration.ofSeconds(6));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(6));
            assertThat(ana.findElement(By.id("direct-status")).getText())
                    .isEqualTo("No direct path to bo (no direct path within 3 s): messages go through the relay.");
            awaitState(bo, "fallback", Duration.ofSeconds(5));

            double relayed = relayMessages();
            say(ana, "through the server");
            awaitText(bo, By.id("messages"), "through the server");
            WebElement message = bo.findElement(By.cssSelector("#messages .message"));
            assertThat(message.getAttribute("data-path")).isEqualTo("relay");
            assertThat(message.findElement(By.className("path")).getText()).isEqualTo("relay");
            assertThat(relayMessages()).isEqualTo(relayed + 1);
            first.screenshot("chat-direct-fallback");

            ana.findElement(By.linkText("Client-server against hybrid: what the server carries")).click();
            awaitText(ana, By.tagName("h1"), "Client-server against hybrid");
            assertThat(ana.findElement(By.tagName("main")).getText()).contains("server bytes for the file", "451/500");
            first.screenshot("architectures");
        }
    }

    private double relayMessages() {
        return meters.get("statelab.relay.messages").counter().count();
    }

    private void join(WebDriver page, String options, String room, String nick) {
        page.get("http://127.0.0.1:" + port + "/chat.html" + options);
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("join-button")));
        page.findElement(By.id("room")).clear();
        page.findElement(By.id("room")).sendKeys(room);
        page.findElement(By.id("nick")).sendKeys(nick);
        page.findElement(By.id("join-button")).click();
        awaitText(page, By.id("status"), "Connected as " + nick + " in " + room);
    }

    private static void directTo(WebDriver page, String nick) {
        By button = By.cssSelector(".direct-button[data-nick='" + nick + "']");
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    private static void awaitState(WebDriver page, String state, Duration timeout) {
        new WebDriverWait(page, timeout).until(ExpectedConditions.attributeToBe(By.id("direct-status"), "data-state", state));
    }

    private static void say(WebDriver page, String text) {
        WebElement input = page.findElement(By.id("text"));
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(input));
        input.sendKeys(text, Keys.ENTER);
    }

    private static JsonNode burst(WebDriver page, String kind) {
        int before = page.findElements(By.cssSelector("#burst-results li")).size();
        page.findElement(By.id("burst-" + kind)).click();
        new WebDriverWait(page, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#burst-results li")).size() > before);
        JsonNode result = JSON.readTree(page.findElement(By.cssSelector("#burst-results li")).getAttribute("data-result"));
        assertThat(result.path("channel").asString()).isEqualTo(kind);
        assertThat(result.path("sent").asInt()).isEqualTo(100);
        return result;
    }

    static long signalBytes(WebDriver page) {
        String text = page.findElement(By.id("direct-bytes")).getText();
        return Long.parseLong(text.replaceAll(".*: ([\\d,]+) bytes.*", "$1").replace(",", ""));
    }

    private static void awaitText(WebDriver page, By where, String text) {
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
