package dev.statelab.ftp.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.statelab.StatelabApplication;
import dev.statelab.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code statelab.store=redis} a control connection of the FTP port is listed in the shared store:
 * another instance's admin sees it with {@code "via":"ftp-port"}, its per-user limit counts it, and an
 * admin's end there closes the connection at its next command.
 */
class PortSessionsInRedisTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static final HttpClient http = HttpClient.newHttpClient();
    private static Path root;
    private static ConfigurableApplicationContext withPort;
    private static ConfigurableApplicationContext other;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        root = Files.createTempDirectory("port-sessions-redis");
        withPort = start("0");
        other = start("-1");
    }

    @AfterAll
    static void stop() {
        if (withPort != null) {
            withPort.close();
        }
        if (other != null) {
            other.close();
        }
    }

    private static ConfigurableApplicationContext start(String ftpPort) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--statelab.storage.root=" + root,
                "--statelab.users.accounts.eve.password={noop}eve-pw", "--statelab.users.accounts.eve.role=ADMIN",
                "--statelab.users.accounts.lim.password={noop}lim-pw", "--statelab.ftp.max-sessions-per-user=2",
                "--statelab.ftp.port=" + ftpPort, "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--spring.main.banner-mode=off"));
        args.addAll(redis.arguments());
        return new SpringApplicationBuilder(StatelabApplication.class).run(args.toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static HttpResponse<String> login(ConfigurableApplicationContext context, String user, String pass) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base(context) + "/api/ftp/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"pass\":\"" + pass + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anotherInstanceListsCountsAndEndsAControlConnection() throws Exception {
        int ftp = withPort.getBean(FtpPortServer.class).port();
        try (RawControl control = RawControl.loggedIn(ftp, "lim", "lim-pw")) {
            assertThat(login(other, "lim", "lim-pw").statusCode()).as("one HTTP session still fits").isEqualTo(201);
            assertThat(login(other, "lim", "lim-pw").statusCode()).as("the port's session counts on the other instance")
                    .isEqualTo(429);

            String token = login(other, "eve", "eve-pw").headers().firstValue("X-Auth-Token").orElseThrow();
            JsonNode listed = portSession(token);
            assertThat(listed).as("the control connection is listed on the other instance").isNotNull();
            assertThat(listed.get("user").asString()).isEqualTo("lim");
            String id = listed.get("id").asString();

            assertThat(control.command("MKD moved-on")).startsWith("257");
            assertThat(control.command("CWD moved-on")).startsWith("250");
            // the copy is written just after the reply, so that a command never waits for Redis
            JsonNode later = portSession(token);
            for (long deadline = System.nanoTime() + 5_000_000_000L;
                 !"/moved-on".equals(later.get("cwd").asString()) && System.nanoTime() < deadline; ) {
                Thread.sleep(20);
                later = portSession(token);
            }
            assertThat(later.get("cwd").asString()).as("the listed copy follows the connection").isEqualTo("/moved-on");
            assertThat(later.get("commands").asLong()).isGreaterThan(listed.get("commands").asLong());

            HttpResponse<String> ended = http.send(HttpRequest.newBuilder(URI.create(base(other) + "/api/ftp/sessions/" + id))
                    .header("X-Auth-Token", token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ended.statusCode()).isEqualTo(200);
            String next = control.command("NOOP");
            String closing = next.startsWith("421") ? next : control.reply();
            assertThat(closing).as("the connection learns it was ended").startsWith("421");
        }
    }

    private static JsonNode portSession(String adminToken) throws Exception {
        JsonNode sessions = JsonMapper.builder().build().readTree(http.send(
                HttpRequest.newBuilder(URI.create(base(other) + "/api/ftp/sessions")).header("X-Auth-Token", adminToken).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("sessions");
        for (JsonNode session : sessions) {
            if ("ftp-port".equals(session.path("via").asString(""))) {
                return session;
            }
        }
        return null;
    }
}
