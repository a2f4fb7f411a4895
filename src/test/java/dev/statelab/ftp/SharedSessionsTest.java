package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.code;
import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.statelab.support.BasicHeader;
import dev.statelab.StatelabApplication;
import dev.statelab.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances over one Redis and one storage root ({@code statelab.store=redis}): an FTP-style session
 * is one session wherever its requests land, one command runs at a time across instances, a restart of
 * an instance loses nothing, and a Redis outage stops only the stateful API, with a clear 503.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSessionsTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static final String AUTH = BasicHeader.basic("eve", "eve-pw");

    private static Path root;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        root = Files.createTempDirectory("shared-sessions");
        first = start();
        second = start();
    }

    @AfterAll
    static void stopInstances() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--statelab.storage.root=" + root,
                "--statelab.users.accounts.eve.password={noop}eve-pw", "--statelab.users.accounts.eve.role=ADMIN",
                "--statelab.users.accounts.bo.password={noop}bo-pw",
                "--statelab.users.accounts.cy.password={noop}cy-pw",
                "--statelab.users.lockout.max-failures-per-user=3",
                "--statelab.ftp.max-sessions-per-user=3", "--statelab.ftp.command-wait=300ms",
                "--statelab.ftp.lease-ttl=1500ms",
                "--statelab.ftp.port=-1", "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--spring.main.banner-mode=off"));
        args.addAll(redis.arguments());
        return new SpringApplicationBuilder(StatelabApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    private static FtpApiClient on(ConfigurableApplicationContext context) {
        return new FtpApiClient(port(context));
    }

    @Test
    @Order(0)
    void failedLoginsOnBothInstancesCountTogetherAndTheLockHoldsOnBoth() throws Exception {
        assertThat(on(first).login("cy", "wrong").statusCode()).isEqualTo(401);
        assertThat(on(second).login("cy", "wrong").statusCode()).isEqualTo(401);
        assertThat(on(first).login("cy", "wrong").statusCode()).as("the third failure, counted over both").isEqualTo(401);
        assertThat(on(first).login("cy", "cy-pw").statusCode()).isEqualTo(429);
        // the lock reaches the other instance by a message, not on its next request
        long deadline = System.currentTimeMillis() + 3_000;
        int elsewhere = on(second).login("cy", "cy-pw").statusCode();
        while (elsewhere != 429 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            elsewhere = on(second).login("cy", "cy-pw").statusCode();
        }
        assertThat(elsewhere).isEqualTo(429);
    }

    @Test
    @Order(0)
    void aRelayTicketFromOneInstanceIsUsedOnceOnAny() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> issued = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port(first) + "/api/relay/ticket"))
                .header("Authorization", AUTH).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).isEqualTo(200);
        String ticket = FtpApiClient.JSON.readTree(issued.body()).get("ticket").asString();

        java.net.http.WebSocket socket = client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port(second) + "/ws/chat?ticket=" + ticket),
                        new java.net.http.WebSocket.Listener() { })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").join();

        var again = client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port(first) + "/ws/chat?ticket=" + ticket),
                        new java.net.http.WebSocket.Listener() { });
        int status = 0;
        try {
            again.get(10, java.util.concurrent.TimeUnit.SECONDS).abort();
        } catch (java.util.concurrent.ExecutionException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.http.WebSocketHandshakeException handshake) {
                    status = handshake.getResponse().statusCode();
                }
            }
        }
        assertThat(status).as("a used ticket is refused at the handshake").isEqualTo(401);
    }

    @Test
    @Order(1)
    void aTokenFromOneInstanceCarriesItsStateToTheOtherAndQuitOnEitherEndsItOnBoth() {
        String token = on(first).token("bo", "bo-pw");
        assertThat(code(on(first).raw(token, "MKD shared"))).isEqualTo(257);
        assertThat(code(on(second).raw(token, "CWD shared"))).isEqualTo(250);
        assertThat(json(on(first).get(token, "/api/ftp/pwd")).get("text").asString()).contains("\"/shared\"");
        assertThat(code(on(second).raw(token, "MKD /other"))).isEqualTo(257);
        assertThat(code(on(first).raw(token, "RNFR /other"))).isEqualTo(350);
        assertThat(code(on(second).raw(token, "RNTO /moved"))).isEqualTo(250);

        assertThat(code(on(second).call(token, "DELETE", "/api/ftp/session"))).isEqualTo(221);
        HttpResponse<String> dead = on(first).get(token, "/api/ftp/pwd");
        assertThat(dead.statusCode()).isEqualTo(401);
        assertThat(json(dead).get("type").asString()).endsWith("session-ended");
    }

    @Test
    @Order(2)
    void theAdminListAndTheSessionLimitSeeTheSessionsOfBothInstancesAndForgetOnOneEndsThemOnAll() {
        String admin = on(first).token("eve", "eve-pw");
        String a = on(first).token("bo", "bo-pw");
        String b = on(second).token("bo", "bo-pw");
        String c = on(second).token("bo", "bo-pw");
        HttpResponse<String> fourth = on(first).login("bo", "bo-pw");
        assertThat(fourth.statusCode()).as("three sessions of bo exist, on two instances").isEqualTo(429);

        HttpResponse<String> list = on(second).get(admin, "/api/ftp/sessions");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get("count").asInt()).isEqualTo(4);

        String shortA = FtpAdminController.shortId(a);
        assertThat(code(on(second).call(admin, "DELETE", "/api/ftp/sessions/" + shortA))).isEqualTo(200);
        HttpResponse<String> ended = on(first).get(a, "/api/ftp/pwd");
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(json(ended).get("detail").asString()).contains("administrator");
        assertThat(on(first).login("bo", "bo-pw").statusCode()).as("a place came free").isEqualTo(201);

        assertThat(code(on(first).call(admin, "DELETE", "/api/ftp/sessions"))).isEqualTo(200);
        assertThat(on(second).get(b, "/api/ftp/pwd").statusCode()).isEqualTo(401);
        assertThat(on(first).get(c, "/api/ftp/pwd").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void whileADownloadRunsOnOneInstanceACommandOnTheOtherWaitsItsTurnAndIsNotUndone() throws Exception {
        String token = on(first).token("bo", "bo-pw");
        Files.createDirectories(root.resolve("bo").resolve("later"));
        // large enough that a client which does not read holds the download on the server
        Files.write(root.resolve("bo").resolve("big.bin"), new byte[64 << 20]);
        HttpClient slow = HttpClient.newHttpClient();
        HttpResponse<InputStream> download = slow.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port(first) + "/api/ftp/retr?path=big.bin"))
                .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        try (InputStream body = download.body()) {
            body.readNBytes(1024);
            // the download is stalled by its reader, well past the lease ttl (renewed meanwhile)
            Thread.sleep(2_000);
            HttpResponse<String> meanwhile = on(second).raw(token, "CWD later");
            assertThat(meanwhile.statusCode()).isEqualTo(409);
            assertThat(code(meanwhile)).isEqualTo(503);
            body.transferTo(OutputStreamSink.INSTANCE);
        }
        assertThat(code(on(second).raw(token, "CWD later"))).isEqualTo(250);
        HttpResponse<String> state = on(first).get(token, "/api/ftp/session");
        assertThat(json(state).get("state").get("cwd").asString()).isEqualTo("/later");
        assertThat(json(state).get("state").get("bytesOut").asLong()).isEqualTo(64L << 20);
        assertThat(code(on(second).call(token, "DELETE", "/api/ftp/session"))).isEqualTo(221);
    }

    @Test
    @Order(4)
    void aLeaseLeftByAnInstanceThatDiedBlocksTheSessionOnlyUntilItsTtl() throws Exception {
        String token = on(first).token("bo", "bo-pw");
        // what an instance killed mid-command leaves behind: its lease, with the ttl it had
        redisCommand("SET", "statelab:ftp:lease:" + token, "dead-instance", "PX", "1500");
        assertThat(on(second).raw(token, "NOOP").statusCode()).isEqualTo(409);
        Thread.sleep(1_700);
        assertThat(code(on(second).raw(token, "NOOP"))).isEqualTo(200);
        assertThat(code(on(second).call(token, "DELETE", "/api/ftp/session"))).isEqualTo(221);
    }

    @Test
    @Order(4)
    void aCommandWhoseLeaseWasTakenOverWhileItRanAnswers409AndItsSessionChangesAreNotSaved() throws Exception {
        String token = on(first).token("bo", "bo-pw");
        String lease = "statelab:ftp:lease:" + token;
        try (Socket upload = new Socket("127.0.0.1", port(first))) {
            upload.setSoTimeout(20_000);
            // by hand, so that the body arrives in two parts with a pause between them
            upload.getOutputStream().write(("PUT /api/ftp/stor?path=slow.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Auth-Token: " + token + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 2048\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            upload.getOutputStream().write(new byte[1024]);
            upload.getOutputStream().flush();
            long deadline = System.currentTimeMillis() + 10_000;
            while (redisReply("GET", lease).equals("$-1") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(redisReply("GET", lease)).as("the upload holds the lease").isNotEqualTo("$-1");
            // as if this instance had stalled past the ttl and another request had taken the lease over
            redisCommand("SET", lease, "other-instance", "PX", "60000");
            upload.getOutputStream().write(new byte[1024]);
            upload.getOutputStream().flush();
            String reply = new String(upload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 409").contains("session-lease-lost").doesNotContain("226");
        }
        assertThat(redisReply("GET", lease)).as("another's lease is not given back").isEqualTo("$14");

        assertThat(redisReply("DEL", lease)).isEqualTo(":1");
        HttpResponse<String> state = on(second).get(token, "/api/ftp/session");
        assertThat(json(state).get("state").get("bytesIn").asLong()).as("the refused command's counters were not saved").isZero();
        assertThat(code(on(second).call(token, "DELETE", "/api/ftp/session"))).isEqualTo(221);
    }

    /**
     * Commands that touch only the session start from an instance's copy of it, which the other instance's
     * uploads keep making stale: were such a command's save not checked against Redis, it would write back
     * the stale byte count. Every upload's bytes must be counted, whatever ran on the other instance.
     */
    @Test
    @Order(4)
    void commandsStartedFromAStaleCopyNeverUndoWhatTheOtherInstanceSaved() throws Exception {
        String token = on(first).token("bo", "bo-pw");
        assertThat(code(on(second).raw(token, "NOOP"))).as("the second instance now holds a copy too").isEqualTo(200);
        int uploads = 20;
        java.util.concurrent.atomic.AtomicBoolean uploading = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread navigating = new Thread(() -> {
            boolean up = false;
            while (uploading.get()) {
                HttpResponse<String> reply = on(second).raw(token, up ? "CDUP" : "PWD");
                up = !up;
                if (reply.statusCode() == 200) {
                    answered.incrementAndGet();
                } else if (reply.statusCode() != 409) {
                    unexpected.add(reply.statusCode() + " " + reply.body());
                }
            }
        });
        navigating.start();
        try {
            int stored = 0;
            for (int attempt = 0; stored < uploads; attempt++) {
                assertThat(attempt).as("uploads refused as busy again and again").isLessThan(uploads * 10);
                HttpResponse<String> reply = on(first).put(token, "/api/ftp/stor?path=part" + stored + ".bin", new byte[100]);
                assertThat(reply.statusCode()).as(reply.body()).isIn(200, 409);
                if (reply.statusCode() == 200) {
                    stored++;
                }
            }
        } finally {
            uploading.set(false);
            navigating.join();
        }
        assertThat(unexpected).as("the other instance's commands answer, or are busy").isEmpty();
        assertThat(answered.get()).as("the other instance's commands ran meanwhile").isPositive();
        HttpResponse<String> state = on(second).get(token, "/api/ftp/session");
        assertThat(json(state).get("state").get("bytesIn").asLong()).isEqualTo(uploads * 100L);
        assertThat(code(on(first).call(token, "DELETE", "/api/ftp/session"))).isEqualTo(221);
    }

    @Test
    @Order(5)
    void anInstanceRestartLosesNoSession() {
        String token = on(first).token("bo", "bo-pw");
        assertThat(code(on(first).raw(token, "CWD later"))).isEqualTo(250);
        first.close();
        first = start();
        assertThat(json(on(first).get(token, "/api/ftp/pwd")).get("text").asString()).contains("\"/later\"");
    }

    @Test
    @Order(6)
    void withRedisDownTheFtpStyleApiAnswers503QuicklyAndTheStatelessApiCarriesOn() throws Exception {
        String token = on(first).token("bo", "bo-pw");
        redis.stop();
        try {
            long started = System.nanoTime();
            HttpResponse<String> refused = on(second).get(token, "/api/ftp/pwd");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json(refused).get("type").asString()).isEqualTo("urn:statelab:problem:session-store-unavailable");
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain(root.toString());
            assertThat(millis).isLessThan(2_000);
            // the instance the token was issued on holds a copy of the session, so this command starts
            // without Redis; it still cannot save, and answers so rather than a reply whose state is lost
            HttpResponse<String> fromCopy = on(first).get(token, "/api/ftp/pwd");
            assertThat(fromCopy.statusCode()).isEqualTo(503);
            assertThat(json(fromCopy).get("type").asString()).isEqualTo("urn:statelab:problem:session-store-unavailable");
            assertThat(on(first).login("bo", "bo-pw").statusCode()).isEqualTo(503);

            HttpResponse<String> stateless = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port(second) + "/api/http/files/"))
                    .header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stateless.statusCode()).isEqualTo(200);
        } finally {
            redis.start();
        }
        // Redis came back empty: the old token is unknown, a new login works again
        long deadline = System.currentTimeMillis() + 15_000;
        HttpResponse<String> again = on(second).login("bo", "bo-pw");
        while (again.statusCode() != 201 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            again = on(second).login("bo", "bo-pw");
        }
        assertThat(again.statusCode()).isEqualTo(201);
        // each instance reconnects on its own: the first may still answer 503 for a moment
        HttpResponse<String> old = on(first).get(token, "/api/ftp/pwd");
        while (old.statusCode() == 503 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            old = on(first).get(token, "/api/ftp/pwd");
        }
        assertThat(old.statusCode()).isEqualTo(401);
    }

    /** One command in Redis's wire protocol, from outside the application, that answers OK. */
    private static void redisCommand(String... words) throws Exception {
        assertThat(redisReply(words)).isEqualTo("+OK");
    }

    /** One command in Redis's wire protocol; the first line of the reply. */
    private static String redisReply(String... words) throws Exception {
        StringBuilder command = new StringBuilder("*" + words.length + "\r\n");
        for (String word : words) {
            command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", redis.port())) {
            socket.getOutputStream().write(command.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder line = new StringBuilder();
            InputStream in = socket.getInputStream();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
