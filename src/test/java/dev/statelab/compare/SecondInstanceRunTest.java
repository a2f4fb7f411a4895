package dev.statelab.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.statelab.support.BasicHeader;
import dev.statelab.StatelabApplication;
import dev.statelab.support.HeadlessChromium;
import dev.statelab.support.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "A second instance" played for real: two application contexts over one storage root, the first with
 * {@code statelab.compare.peer-url} pointing at the second. The runner's endpoint logs in on the first and
 * sends the token to the second: 401 with sessions in memory, 257 with both over one Redis.
 */
class SecondInstanceRunTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static final String AUTH = BasicHeader.basic("eve", "eve-secret-1");

    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private static ConfigurableApplicationContext start(Path root, boolean shared, @Nullable String peer) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--statelab.storage.root=" + root,
                "--statelab.users.accounts.eve.password={noop}eve-secret-1", "--statelab.users.accounts.eve.role=ADMIN",
                "--statelab.ftp.port=-1", "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--spring.main.banner-mode=off"));
        if (shared) {
            args.addAll(redis.arguments());
        }
        if (peer != null) {
            args.add("--statelab.compare.peer-url=" + peer);
        }
        return new SpringApplicationBuilder(StatelabApplication.class).run(args.toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Test
    void inMemoryTheTokenIsUnknownOnThePeerWhileTheStatelessRequestWorksThere(@TempDir Path root) throws Exception {
        try (ConfigurableApplicationContext peer = start(root, false, null);
             ConfigurableApplicationContext here = start(root, false, base(peer))) {
            JsonNode run = run(base(here), "second-instance");
            JsonNode onPeer = run.path("steps").get(1);
            assertThat(onPeer.path("title").asString()).contains(base(peer));
            assertThat(onPeer.path("http").get(0).path("status").asInt()).isEqualTo(200);
            assertThat(onPeer.path("ftp").get(0).path("url").asString()).startsWith(base(peer));
            assertThat(onPeer.path("ftp").get(0).path("status").asInt()).isEqualTo(401);
            JsonNode state = run.path("state");
            assertThat(state.path("store").asString()).isEqualTo("memory");
            assertThat(state.path("location").asString()).isEqualTo("the memory of this process");
            assertThat(state.path("bytes").asLong()).isPositive();
            assertThat(state.path("roundTrips").asLong()).isZero();
        }
    }

    @Test
    void withoutAPeerTheScenarioSaysWhatItWouldNeed(@TempDir Path root) throws Exception {
        try (ConfigurableApplicationContext here = start(root, false, null)) {
            JsonNode run = run(base(here), "second-instance");
            assertThat(run.path("notes").toString()).contains("statelab.compare.peer-url");
            assertThat(run.path("state").path("peer").isNull()).isTrue();
        }
    }

    @Test
    void aPeerThatDoesNotAnswerIsNotedInTheRunNotAnError(@TempDir Path root) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext here = start(root, false, "http://127.0.0.1:" + closedPort)) {
            JsonNode run = run(base(here), "second-instance");
            assertThat(run.path("notes").toString()).contains("did not answer");
            assertThat(run.toString()).doesNotContain("Exception");
        }
    }

    @Test
    void overOneRedisThePeerAnswersWithTheSameSessionAndThePageShowsItsKeyAndBytes(@TempDir Path root) throws Exception {
        try (ConfigurableApplicationContext peer = start(root, true, null);
             ConfigurableApplicationContext here = start(root, true, base(peer))) {
            JsonNode run = run(base(here), "second-instance");
            JsonNode pwd = run.path("steps").get(1).path("ftp").get(0);
            assertThat(pwd.path("url").asString()).startsWith(base(peer));
            assertThat(pwd.path("ftpCode").asInt()).isEqualTo(257);
            JsonNode state = run.path("state");
            assertThat(state.path("store").asString()).isEqualTo("redis");
            assertThat(state.path("location").asString()).startsWith("statelab:ftp:session:");
            assertThat(state.path("bytes").asLong()).isPositive();
            assertThat(state.path("roundTripsPerRequest").asDouble()).isPositive();

            JsonNode forgets = run(base(here), "server-forgets");
            JsonNode restart = forgets.path("steps").get(2);
            assertThat(restart.path("title").asString()).startsWith("Another process");
            assertThat(restart.path("ftp").get(0).path("ftpCode").asInt()).isEqualTo(257);

            try (HeadlessChromium chromium = HeadlessChromium.start(1280, 1000)) {
                ChromeDriver driver = chromium.driver();
                driver.get(base(here) + "/compare.html");
                driver.findElement(By.id("user")).clear();
                driver.findElement(By.id("user")).sendKeys("eve");
                driver.findElement(By.id("password")).sendKeys("eve-secret-1");
                driver.findElement(By.cssSelector("#signin button")).click();
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.until(d -> d.findElement(By.id("signin-status")).getText().startsWith("Signed in"));
                driver.findElement(By.cssSelector(".demo[data-scenario=second-instance]")).click();
                wait.until(d -> "second-instance".equals(d.findElement(By.id("result")).getDomAttribute("data-scenario"))
                        && "true".equals(d.findElement(By.id("result")).getDomAttribute("data-done")));
                assertThat(driver.findElement(By.id("state-key")).getText()).startsWith("statelab:ftp:session:");
                assertThat(driver.findElement(By.id("state-bytes")).getText()).matches("[1-9][0-9]* bytes");
                assertThat(driver.findElement(By.id("state-cost")).getText()).contains("Redis round trips");
                assertThat(driver.findElement(By.id("state-peer")).getText()).isEqualTo(base(peer));
                driver.findElement(By.id("state")).click();
                Path shot = chromium.screenshot("compare-second-instance-redis");
                assertThat(Files.size(shot)).isPositive();
            }
        }
    }

    @Test
    void theStoreBytesGaugeFollowsWhatTheStoreHolds(@TempDir Path root) throws Exception {
        for (boolean shared : new boolean[] {false, true}) {
            try (ConfigurableApplicationContext here = start(root, shared, null)) {
                MeterRegistry registry = here.getBean(MeterRegistry.class);
                double before = registry.get("statelab.ftp.session.store.bytes").gauge().value();
                HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base(here) + "/api/ftp/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"eve\",\"pass\":\"eve-secret-1\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).isEqualTo(201);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                double after = before;
                while (after <= before && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    after = registry.get("statelab.ftp.session.store.bytes").gauge().value();
                }
                assertThat(after).as(shared ? "redis" : "memory").isGreaterThan(before);
                client.send(HttpRequest.newBuilder(URI.create(base(here) + "/api/ftp/session"))
                        .header("X-Auth-Token", login.headers().firstValue("X-Auth-Token").orElseThrow())
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            }
        }
    }

    private JsonNode run(String base, String scenario) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/compare/runs"))
                .header("Authorization", AUTH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scenario\":\"" + scenario + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
