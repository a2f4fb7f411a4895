package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.statelab.StatelabApplication;
import dev.statelab.support.HeadlessChromium;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client-server against hybrid, measured in two headless browsers: 100 small round trips and a 1 MiB file
 * through the relay and over the direct path, the bytes the server carried for each, and what still works
 * once the server is gone. Not part of {@code verify} (the name is no test name); run it with
 * {@code ./mvnw test -Dtest=TransportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; it prints a
 * Markdown table and writes it to {@code target/bench-transport/results.md}.
 */
class TransportBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROUNDS = 100;
    private static final int MIB = 1024 * 1024;

    // the relay path in the browser: two sockets of one page, A -> relay -> B -> relay -> A
    private static final String RELAY = """
            const done = arguments[arguments.length - 1];
            const [room, rounds, size] = [arguments[0], arguments[1], arguments[2]];
            const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/chat";
            const join = (nick) => new Promise((resolve, reject) => {
              const ws = new WebSocket(url);
              ws.onopen = () => ws.send(JSON.stringify({ type: "join", room, nick }));
              ws.onmessage = (e) => { const f = JSON.parse(e.data);
                if (f.type === "joined") { ws.onmessage = null; resolve(ws); } else if (f.type === "error") { reject(f.text); } };
            });
            const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
            (async () => {
              const a = await join("relay-a"), b = await join("relay-b");
              const rtts = [];
              if (rounds > 0) await new Promise((resolve) => {
                let i = 0, at = 0;
                b.onmessage = (e) => { const f = JSON.parse(e.data);
                  if (f.type === "message" && f.nick === "relay-a" && f.text.startsWith("p")) b.send(JSON.stringify({ type: "send", text: "r" + f.text.slice(1) })); };
                a.onmessage = (e) => { const f = JSON.parse(e.data);
                  if (f.type === "message" && f.nick === "relay-b" && f.text === "r" + i) {
                    rtts.push(performance.now() - at); i += 1;
                    if (i === rounds) resolve(); else next(); } };
                const next = () => { at = performance.now(); a.send(JSON.stringify({ type: "send", text: "p" + i })); };
                next();
              });
              const content = new Uint8Array(size);
              for (let o = 0; o < size; o += 65536) crypto.getRandomValues(content.subarray(o, o + 65536));
              const expected = hex(await crypto.subtle.digest("SHA-256", content));
              const chunk = 45000; // 60,000 characters of base64 per message
              const chunks = [];
              for (let o = 0; o < size; o += chunk) {
                let s = ""; content.subarray(o, o + chunk).forEach((x) => { s += String.fromCharCode(x); });
                chunks.push(JSON.stringify({ type: "send", text: btoa(s) }));
              }
              const started = performance.now();
              const got = [];
              const fileMs = size === 0 ? {} : await new Promise((resolve) => {
                b.onmessage = async (e) => { const f = JSON.parse(e.data);
                  if (f.type !== "message" || f.nick !== "relay-a") return;
                  if (f.text === "end") {
                    const bin = atob(got.join(""));
                    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
                    b.send(JSON.stringify({ type: "send", text: "ok " + hex(await crypto.subtle.digest("SHA-256", bytes)) }));
                  } else { got.push(f.text); } };
                a.onmessage = (e) => { const f = JSON.parse(e.data);
                  if (f.type === "message" && f.nick === "relay-b" && f.text.startsWith("ok ")) resolve({ ms: performance.now() - started, ok: f.text === "ok " + expected }); };
                chunks.forEach((frame) => a.send(frame));
                a.send(JSON.stringify({ type: "send", text: "end" }));
              });
              a.close(); b.close();
              rtts.sort((x, y) => x - y);
              if (!rtts.length) rtts.push(0);
              done({ medianMs: rtts[Math.floor(rtts.length / 2)], p95Ms: rtts[Math.floor(rtts.length * 0.95)], fileMs: fileMs.ms, fileOk: fileMs.ok });
            })().catch((e) => done({ error: String(e) }));
            """;

    @TempDir
    Path root;

    @Test
    void relayAgainstDirect() throws IOException {
        List<String> rows = new ArrayList<>();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StatelabApplication.class).run(
                "--server.port=0", "--statelab.storage.root=" + root.resolve("data"), "--spring.main.banner-mode=off",
                "--statelab.ftp.port=-1", "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--statelab.relay.max-message-size=64KB", "--statelab.relay.max-text-length=60000",
                "--statelab.relay.messages-per-second=1000", "--statelab.relay.burst=1000", "--logging.level.root=WARN");
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        byte[] content = new byte[MIB];
        new Random(7).nextBytes(content);
        Path file = Files.write(root.resolve("one-mebibyte.bin"), content);
        try (HeadlessChromium first = HeadlessChromium.startForPeerConnections(1400, 900);
             HeadlessChromium second = HeadlessChromium.startForPeerConnections(1400, 900)) {
            ChromeDriver ana = first.driver();
            ChromeDriver bo = second.driver();
            ana.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));

            // client-server: every byte through the relay
            ana.get(base + "/chat.html");
            double before = relayBytes(meters);
            Map<String, Object> chat = relay(ana, "bench-relay-chat", ROUNDS, 0);
            rows.add(row("relay (client-server)", "chat RTT, " + ROUNDS + " round trips A→server→B→server→A (2 joins included in bytes)",
                    ms(chat.get("medianMs")) + " / " + ms(chat.get("p95Ms")), String.format("%,.0f", relayBytes(meters) - before)));
            before = relayBytes(meters);
            Map<String, Object> upload = relay(ana, "bench-relay-file", 0, MIB);
            assertThat(upload).containsEntry("fileOk", true);
            rows.add(row("relay (client-server)", "1 MiB file A→B, base64 in 45,000-byte chat messages (2 joins included)",
                    ms(upload.get("fileMs")), String.format("%,.0f", relayBytes(meters) - before)));

            // hybrid: the relay introduces, the browsers talk directly
            before = relayBytes(meters);
            join(ana, base, "bench-direct", "ana");
            join(bo, base, "bench-direct", "bo");
            ana.findElement(By.cssSelector(".direct-button[data-nick='bo']")).click();
            awaitState(ana, "open");
            awaitState(bo, "open");
            String pair = ana.findElement(By.id("direct-status")).getText();
            double introduced = relayBytes(meters);
            rows.add(row("direct (hybrid)", "introduction: 2 joins + offer, answer, ICE candidates", "–",
                    String.format("%,.0f", introduced - before)));
            for (String kind : List.of("reliable", "unreliable")) {
                JsonNode r = burst(ana, kind);
                rows.add(row("direct (hybrid), " + kind, "burst RTT, " + r.path("delivered").asInt() + "/" + ROUNDS + " back, "
                        + r.path("outOfOrder").asInt() + " out of order", r.path("medianMs").asDouble() + " / " + r.path("p95Ms").asDouble(), "–"));
            }
            rows.add(row("direct (hybrid)", "1 MiB file ana→bo", sendFile(ana, bo, file) + " ms", "–"));
            rows.add(row("direct (hybrid)", "1 MiB file bo→ana", sendFile(bo, ana, file) + " ms", "–"));
            rows.add(row("direct (hybrid)", "server bytes for both bursts and both files", "–",
                    String.format("%,.0f", relayBytes(meters) - introduced)));
            rows.add(row("direct (hybrid)", "page's own count of signaling it sent and received", "–",
                    String.format("%,d", ChatDirectPathTest.signalBytes(ana))));

            // the server goes away: the open direct path does not need it
            context.close();
            new WebDriverWait(ana, Duration.ofSeconds(10)).until(ExpectedConditions.not(
                    ExpectedConditions.attributeToBe(By.id("status"), "data-state", "online")));
            long started = System.nanoTime();
            WebElement input = ana.findElement(By.id("text"));
            input.sendKeys("the server is gone", Keys.ENTER);
            new WebDriverWait(bo, Duration.ofSeconds(10), Duration.ofMillis(5)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "the server is gone"));
            rows.add(row("direct, server stopped", "a chat message still arrives", (System.nanoTime() - started) / 1_000_000 + " ms", "0"));
            rows.add(row("direct, server stopped", "1 MiB file ana→bo still arrives, SHA-256 checked", sendFile(ana, bo, file) + " ms", "0"));
            first.screenshot("bench-direct-server-gone");
            rows.add("| | pair: " + pair.replace("|", "/") + " | | |");
        } finally {
            context.close();
        }
        String table = "| path | what | median / p95 or time | server bytes |\n|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        Files.createDirectories(Path.of("target", "bench-transport"));
        Files.writeString(Path.of("target", "bench-transport", "results.md"), table);
        System.out.println(table);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> relay(WebDriver page, String room, int rounds, int size) {
        Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) page).executeAsyncScript(RELAY, room, rounds, size);
        assertThat(result).doesNotContainKey("error");
        return result;
    }

    private static double relayBytes(MeterRegistry meters) {
        return meters.get("statelab.bytes").tag("api", "relay").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String row(String path, String what, String figure, String bytes) {
        return "| " + path + " | " + what + " | " + figure + " | " + bytes + " |";
    }

    private static String ms(Object value) {
        return String.format("%.2f ms", ((Number) value).doubleValue());
    }

    private static void join(WebDriver page, String base, String room, String nick) {
        page.get(base + "/chat.html");
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("join-button")));
        page.findElement(By.id("room")).clear();
        page.findElement(By.id("room")).sendKeys(room);
        page.findElement(By.id("nick")).sendKeys(nick);
        page.findElement(By.id("join-button")).click();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Connected as " + nick));
    }

    private static void awaitState(WebDriver page, String state) {
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("direct-status"), "data-state", state));
    }

    private static JsonNode burst(WebDriver page, String kind) {
        int before = page.findElements(By.cssSelector("#burst-results li")).size();
        page.findElement(By.id("burst-" + kind)).click();
        new WebDriverWait(page, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#burst-results li")).size() > before);
        return JSON.readTree(page.findElement(By.cssSelector("#burst-results li")).getAttribute("data-result"));
    }

    private static long sendFile(WebDriver from, WebDriver to, Path file) {
        int before = from.findElements(By.cssSelector("#transfers li[data-ms]")).size();
        from.findElement(By.id("file")).sendKeys(file.toString());
        from.findElement(By.id("send-file")).click();
        new WebDriverWait(from, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#transfers li[data-ms]")).size() > before);
        WebElement done = from.findElement(By.cssSelector("#transfers li[data-ms]"));
        assertThat(done.getAttribute("data-ok")).isEqualTo("true");
        return Long.parseLong(done.getAttribute("data-ms"));
    }
}
