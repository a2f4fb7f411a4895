package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.code;
import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The FTP-style API on a real port: login, tokens, state, isolation, admin, and the file side. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.users.accounts.alice.password={noop}alice-pw",
        "statelab.users.accounts.alice.role=ADMIN",
        "statelab.users.accounts.bob.password={noop}bob-pw",
        "statelab.users.accounts.par.password={noop}par-pw",
        "statelab.users.accounts.cat.password={noop}cat-pw",
        "statelab.ftp.command-wait=300ms",
        "statelab.ftp.max-sessions-per-user=500",
        "statelab.users.lockout.max-failures-per-address=100000"})
class FtpApiEndToEndTest {

    @TempDir
    static Path storage;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", () -> storage.toString());
    }

    @LocalServerPort
    int port;

    private FtpApiClient ftp;

    @BeforeEach
    void client() {
        ftp = new FtpApiClient(port);
    }

    @Test
    void loginAnswers201WithATokenInBodyAndHeader() {
        HttpResponse<String> login = ftp.login("bob", "bob-pw");
        assertThat(login.statusCode()).isEqualTo(201);
        JsonNode body = json(login);
        assertThat(body.get("code").asInt()).isEqualTo(230);
        assertThat(login.headers().firstValue("X-Auth-Token")).contains(body.get("token").asString());
        assertThat(code(ftp.get(body.get("token").asString(), "/api/ftp/pwd"))).isEqualTo(257);
    }

    @Test
    void everyLoginGetsANewIdAndEndsTheSessionItWasSentWith() {
        String first = ftp.token("bob", "bob-pw");
        String second = ftp.token("bob", "bob-pw");
        assertThat(second).isNotEqualTo(first);
        HttpResponse<String> again = ftp.call(first, "POST", "/api/ftp/noop");
        assertThat(again.statusCode()).isEqualTo(200);
        // logging in while sending a live token: a new id, and the old token is dead
        HttpResponse<String> relogin = ftp.login(first, "alice", "alice-pw");
        assertThat(relogin.statusCode()).isEqualTo(201);
        String third = json(relogin).get("token").asString();
        assertThat(third).isNotEqualTo(first);
        HttpResponse<String> dead = ftp.get(first, "/api/ftp/pwd");
        assertThat(dead.statusCode()).isEqualTo(401);
        assertThat(json(dead).get("type").asString()).endsWith("session-ended");
    }

    @Test
    void aWrongPasswordAnswers530WithHttp401() {
        HttpResponse<String> login = ftp.login("bob", "nope");
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(code(login)).isEqualTo(530);
        assertThat(login.headers().firstValue("X-Auth-Token")).isEmpty();
    }

    @Test
    void quitAnswers221AndTheTokenThenAnswers401() {
        String token = ftp.token("bob", "bob-pw");
        HttpResponse<String> quit = ftp.call(token, "DELETE", "/api/ftp/session");
        assertThat(quit.statusCode()).isEqualTo(200);
        assertThat(code(quit)).isEqualTo(221);
        HttpResponse<String> after = ftp.get(token, "/api/ftp/pwd");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(after).get("detail").asString()).contains("closed");
    }

    @Test
    void aMissingOrForgedTokenAnswers401ProblemJson() {
        HttpResponse<String> missing = ftp.get(null, "/api/ftp/pwd");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("detail").asString()).contains("X-Auth-Token");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> forged = ftp.get("00000000-0000-0000-0000-000000000000", "/api/ftp/pwd");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json(forged).get("type").asString()).endsWith("unknown-token");
        assertThat(ftp.raw("forged", "PWD").statusCode()).isEqualTo(401);
    }

    @Test
    void theRawFaceLogsInWithUserThenPassAndAnswers530BeforeThat() {
        HttpResponse<String> early = ftp.raw(null, "PWD");
        assertThat(early.statusCode()).isEqualTo(401);
        assertThat(code(early)).isEqualTo(530);
        assertThat(code(ftp.raw(null, "PASS x"))).isEqualTo(503);
        HttpResponse<String> user = ftp.raw(null, "USER bob");
        assertThat(code(user)).isEqualTo(331);
        String pending = user.headers().firstValue("X-Auth-Token").orElseThrow();
        HttpResponse<String> pass = ftp.raw(pending, "PASS bob-pw");
        assertThat(pass.statusCode()).isEqualTo(201);
        assertThat(code(pass)).isEqualTo(230);
        String token = json(pass).get("token").asString();
        assertThat(token).isNotEqualTo(pending);
        assertThat(ftp.raw(pending, "PWD").statusCode()).isEqualTo(401);
        assertThat(json(ftp.raw(token, "PWD")).get("text").asString()).isEqualTo("\"/\" is the current directory");
    }

    @Test
    void bothFacesGiveTheSameReply() {
        String token = ftp.token("bob", "bob-pw");
        HttpResponse<String> rest = ftp.call(token, "POST", "/api/ftp/rnto?path=x");
        HttpResponse<String> raw = ftp.raw(token, "RNTO x");
        assertThat(rest.statusCode()).isEqualTo(409).isEqualTo(raw.statusCode());
        assertThat(rest.body()).isEqualTo(raw.body());
        assertThat(ftp.raw(token, "HELO").statusCode()).isEqualTo(400);
        assertThat(ftp.raw(token, "EPSV").statusCode()).isEqualTo(501);
        assertThat(ftp.raw(token, "CWD missing").statusCode()).isEqualTo(404);
    }

    @Test
    void anOverlongCommandLineAnswers500() {
        String token = ftp.token("bob", "bob-pw");
        HttpResponse<String> response = ftp.raw(token, "MKD " + "a".repeat(9000));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(code(response)).isEqualTo(500);
        HttpResponse<String> longPath = ftp.call(token, "POST", "/api/ftp/mkd?path=" + "b".repeat(5000));
        assertThat(code(longPath)).isEqualTo(501);
    }

    @Test
    void twoSessionsOfOneUserKeepTheirOwnDirectoryAndPendingRename() {
        String one = ftp.token("bob", "bob-pw");
        String two = ftp.token("bob", "bob-pw");
        ftp.raw(one, "MKD iso-one");
        ftp.raw(one, "MKD iso-two");
        ftp.put(one, "/api/ftp/stor?path=iso-one/a.txt", "a".getBytes(StandardCharsets.UTF_8));
        assertThat(code(ftp.raw(one, "CWD iso-one"))).isEqualTo(250);
        assertThat(code(ftp.raw(two, "CWD iso-two"))).isEqualTo(250);
        assertThat(code(ftp.raw(one, "RNFR a.txt"))).isEqualTo(350);
        assertThat(json(ftp.get(two, "/api/ftp/session")).get("state").get("pendingRename").isNull()).isTrue();
        assertThat(code(ftp.raw(two, "RNTO b.txt"))).isEqualTo(503);
        assertThat(json(ftp.get(one, "/api/ftp/session")).get("state").get("pendingRename").asString())
                .isEqualTo("/iso-one/a.txt");
        assertThat(code(ftp.raw(one, "RNTO b.txt"))).isEqualTo(250);
        assertThat(json(ftp.raw(one, "PWD")).get("text").asString()).startsWith("\"/iso-one\"");
        assertThat(json(ftp.raw(two, "PWD")).get("text").asString()).startsWith("\"/iso-two\"");
    }

    @Test
    void aHundredParallelSessionsEachWorkInTheirOwnFolderWithNothingMixedUp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    FtpApiClient client = new FtpApiClient(port);
                    String token = client.token("par", "par-pw");
                    client.raw(token, "MKD p" + n);
                    client.raw(token, "CWD p" + n);
                    client.put(token, "/api/ftp/stor?path=mine.txt", ("I am " + n).getBytes(StandardCharsets.UTF_8));
                    client.raw(token, "RNFR mine.txt");
                    client.raw(token, "RNTO renamed-" + n + ".txt");
                    client.raw(token, "REST 5");
                    byte[] tail = client.download(token, "/api/ftp/retr?path=renamed-" + n + ".txt").body();
                    String pwd = json(client.raw(token, "PWD")).get("text").asString();
                    String names = json(client.raw(token, "NLST")).get("lines").toString();
                    client.call(token, "DELETE", "/api/ftp/session");
                    return pwd + "|" + names + "|" + new String(tail, StandardCharsets.UTF_8);
                }));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(results.get(i).get())
                        .isEqualTo("\"/p" + i + "\" is the current directory|[\"renamed-" + i + ".txt\"]|" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void retrStreamsWithTheReplyInAHeaderAndResumesAtRest() {
        String token = ftp.token("bob", "bob-pw");
        ftp.put(token, "/api/ftp/stor?path=digits.txt", "0123456789".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> whole = ftp.download(token, "/api/ftp/retr?path=digits.txt");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("X-FTP-Reply")).contains("226 Transfer complete");
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(10);
        assertThat(code(ftp.call(token, "POST", "/api/ftp/rest?offset=7"))).isEqualTo(350);
        HttpResponse<byte[]> tail = ftp.download(token, "/api/ftp/retr?path=digits.txt");
        assertThat(new String(tail.body(), StandardCharsets.UTF_8)).isEqualTo("789");
        assertThat(tail.headers().firstValue("X-FTP-Reply")).contains("226 Transfer complete, resumed at byte 7");
        HttpResponse<byte[]> missing = ftp.download(token, "/api/ftp/retr?path=nothing.txt");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode state = json(ftp.get(token, "/api/ftp/session")).get("state");
        assertThat(state.get("bytesOut").asLong()).isEqualTo(13);
        assertThat(state.get("bytesIn").asLong()).isEqualTo(10);
    }

    @Test
    void aCommandSentDuringALongDownloadOfItsSessionIsRefusedRatherThanLost() throws Exception {
        String token = ftp.token("cat", "cat-pw");
        assertThat(code(ftp.call(token, "POST", "/api/ftp/mkd?path=docs"))).isEqualTo(257);
        // larger than the socket buffers, so a client that stops reading holds the download open
        assertThat(code(ftp.put(token, "/api/ftp/stor?path=big.bin", new byte[32 * 1024 * 1024]))).isEqualTo(226);
        HttpResponse<InputStream> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        ftp.uri("/api/ftp/retr?path=big.bin")).header("X-Auth-Token", token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = download.body()) {
            assertThat(body.readNBytes(1024)).hasSize(1024);
            HttpResponse<String> cwd = ftp.call(token, "POST", "/api/ftp/cwd?path=docs");
            assertThat(cwd.statusCode()).as(cwd.body()).isEqualTo(409);
            assertThat(code(cwd)).isEqualTo(503);
            assertThat(json(cwd).get("text").asString()).contains("still running");
            body.transferTo(OutputStream.nullOutputStream());
        }
        // once the download is over, the session takes commands again, and keeps what they did
        assertThat(code(ftp.call(token, "POST", "/api/ftp/cwd?path=docs"))).isEqualTo(250);
        assertThat(json(ftp.get(token, "/api/ftp/pwd")).get("text").asString()).contains("/docs");
        assertThat(json(ftp.get(token, "/api/ftp/session")).get("state").get("bytesOut").asLong())
                .isEqualTo(32 * 1024 * 1024);
    }

    @Test
    void storAndAppeTakeTheBodyWhateverItsContentTypeButRefuseAFormWithAnFtpReply() {
        String token = ftp.token("cat", "cat-pw");
        assertThat(code(ftp.send(token, "PUT", "/api/ftp/stor?path=typed.txt", "text/plain", "abc"))).isEqualTo(226);
        assertThat(code(ftp.send(token, "POST", "/api/ftp/appe?path=typed.txt", "application/json", "def")))
                .isEqualTo(226);
        assertThat(code(ftp.send(token, "POST", "/api/ftp/appe?path=typed.txt", null, "ghi"))).isEqualTo(226);
        HttpResponse<String> form = ftp.send(token, "POST", "/api/ftp/appe?path=typed.txt",
                "application/x-www-form-urlencoded", "jkl");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(code(form)).isEqualTo(501);
        assertThat(json(form).get("text").asString()).contains("application/octet-stream");
        assertThat(new String(ftp.download(token, "/api/ftp/retr?path=typed.txt").body(), StandardCharsets.UTF_8))
                .isEqualTo("abcdefghi");
    }

    @Test
    void badRequestsToTheEndpointsAnswerFtpRepliesNotBareProblems() {
        String token = ftp.token("cat", "cat-pw");
        HttpResponse<String> noPath = ftp.call(token, "POST", "/api/ftp/cwd");
        assertThat(noPath.statusCode()).isEqualTo(400);
        assertThat(code(noPath)).as("as the raw face answers a bare CWD").isEqualTo(501);
        assertThat(code(ftp.raw(token, "CWD"))).isEqualTo(501);
        assertThat(json(noPath).get("text").asString()).contains("'path'");
        assertThat(code(ftp.call(token, "POST", "/api/ftp/rest"))).isEqualTo(501);

        HttpResponse<String> empty = ftp.send(null, "POST", "/api/ftp/session", "application/json", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(code(empty)).isEqualTo(501);
        assertThat(json(empty).get("text").asString()).contains("{\"user\"");
        assertThat(code(ftp.send(null, "POST", "/api/ftp/session", "application/json", "{\"user\":"))).isEqualTo(501);
        HttpResponse<String> text = ftp.send(null, "POST", "/api/ftp/session", "text/plain", "USER cat");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text).get("text").asString()).contains("application/json");
    }

    @Test
    void headOnRetrAnswersTheHeadersWithoutCountingBytesItNeverSent() {
        String token = ftp.token("cat", "cat-pw");
        ftp.put(token, "/api/ftp/stor?path=head.txt", "0123456789".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> head = ftp.call(token, "HEAD", "/api/ftp/retr?path=head.txt");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(10);
        assertThat(head.headers().firstValue("X-FTP-Reply")).hasValueSatisfying(reply -> assertThat(reply).startsWith("226"));
        assertThat(json(ftp.get(token, "/api/ftp/session")).get("state").get("bytesOut").asLong()).isZero();
    }

    @Test
    void aCutStorLeavesNothingBehind() throws IOException {
        String token = ftp.token("bob", "bob-pw");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/ftp/stor?path=cut.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[10_000]);
            out.flush();
            long started = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < started && !hasTemporaryFiles()) {
                sleep(20);
            }
            assertThat(hasTemporaryFiles()).as("the upload is in flight").isTrue();
        }
        // the server notices the cut when its read fails
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && hasTemporaryFiles()) {
            sleep(100);
        }
        assertThat(hasTemporaryFiles()).isFalse();
        assertThat(code(ftp.get(token, "/api/ftp/size?path=cut.bin"))).isEqualTo(550);
    }

    @Test
    void theSessionEndpointShowsTheRecordAndItsSize() {
        String token = ftp.token("bob", "bob-pw");
        ftp.raw(token, "MKD shown");
        ftp.raw(token, "CWD shown");
        ftp.raw(token, "TYPE A");
        HttpResponse<String> response = ftp.get(token, "/api/ftp/session");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("code").asInt()).isEqualTo(211);
        assertThat(body.get("lines").toString()).contains("Current directory: /shown");
        JsonNode state = body.get("state");
        assertThat(state.get("user").asString()).isEqualTo("bob");
        assertThat(state.get("cwd").asString()).isEqualTo("/shown");
        assertThat(state.get("type").asString()).isEqualTo("A");
        assertThat(state.get("commands").asLong()).as("USER, PASS and three more").isEqualTo(5);
        assertThat(state.get("remoteAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(state.get("loginTime").asString()).endsWith("Z");
        assertThat(body.get("stateBytes").asLong()).isBetween(200L, 2048L);
    }

    @Test
    void anAdminListsAndEndsSessionsAndOthersGet403() {
        String admin = ftp.token("alice", "alice-pw");
        String user = ftp.token("bob", "bob-pw");
        ftp.raw(user, "MKD listed");
        ftp.raw(user, "CWD listed");
        assertThat(ftp.get(user, "/api/ftp/sessions").statusCode()).isEqualTo(403);
        assertThat(json(ftp.get(user, "/api/ftp/sessions")).get("status").asInt()).isEqualTo(403);
        assertThat(ftp.call(user, "DELETE", "/api/ftp/sessions").statusCode()).isEqualTo(403);
        JsonNode list = json(ftp.get(admin, "/api/ftp/sessions"));
        JsonNode mine = null;
        for (JsonNode session : list.get("sessions")) {
            if ("/listed".equals(session.get("cwd").asString())) {
                mine = session;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("user").asString()).isEqualTo("bob");
        assertThat(mine.get("remoteAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(mine.get("idleSeconds").asLong()).isBetween(0L, 60L);
        assertThat(mine.get("stateBytes").asLong()).isPositive();
        assertThat(mine.get("id").asString()).isNotEqualTo(user).hasSize(12);
        HttpResponse<String> ended = ftp.call(admin, "DELETE", "/api/ftp/sessions/" + mine.get("id").asString());
        assertThat(code(ended)).isEqualTo(200);
        HttpResponse<String> dead = ftp.get(user, "/api/ftp/pwd");
        assertThat(dead.statusCode()).isEqualTo(401);
        assertThat(json(dead).get("detail").asString()).contains("administrator");
        assertThat(code(ftp.call(admin, "DELETE", "/api/ftp/sessions/nosuchsession"))).isEqualTo(550);
    }

    @Test
    void endingAllSessionsForgetsEveryClientButKeepsTheFiles() {
        String user = ftp.token("bob", "bob-pw");
        ftp.put(user, "/api/ftp/stor?path=kept.txt", "kept".getBytes(StandardCharsets.UTF_8));
        String admin = ftp.token("alice", "alice-pw");
        HttpResponse<String> all = ftp.call(admin, "DELETE", "/api/ftp/sessions");
        assertThat(code(all)).isEqualTo(200);
        assertThat(ftp.get(user, "/api/ftp/pwd").statusCode()).isEqualTo(401);
        assertThat(ftp.get(admin, "/api/ftp/pwd").statusCode()).as("the admin's own session too").isEqualTo(401);
        String again = ftp.token("bob", "bob-pw");
        assertThat(json(ftp.get(again, "/api/ftp/size?path=kept.txt")).get("text").asString()).isEqualTo("4");
    }

    @Test
    void theStatelessApiNeverGetsASessionEvenWithAToken() {
        String token = ftp.token("bob", "bob-pw");
        HttpResponse<String> stateless = ftp.get(token, "/api/http/files/");
        assertThat(stateless.headers().firstValue("X-Auth-Token")).isEmpty();
        assertThat(stateless.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void metricsCountSessionsTheirStateAndTokenChecks() throws Exception {
        String token = ftp.token("bob", "bob-pw");
        ftp.raw(token, "NOOP");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String basic = java.util.Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
        for (String metric : List.of("statelab.ftp.sessions.active", "statelab.ftp.session.state.bytes",
                "statelab.auth.checks?tag=kind:session")) {
            // the state total is recomputed at most once a second
            long deadline = System.currentTimeMillis() + 3_000;
            double value;
            do {
                HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(ftp.uri("/actuator/metrics/" + metric))
                        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(metric).isEqualTo(200);
                value = json(response).get("measurements").get(0).get("value").asDouble();
            } while (value <= 0 && System.currentTimeMillis() < deadline && sleepBriefly());
            assertThat(value).as(metric).isPositive();
        }
    }

    @Test
    void theApiDescriptionOffersAFilePickerForStor() {
        HttpResponse<String> docs = ftp.get(null, "/v3/api-docs");
        JsonNode stor = json(docs).get("paths").get("/api/ftp/stor").get("put");
        assertThat(stor.get("requestBody").get("content").get("application/octet-stream").get("schema")
                .get("format").asString()).isEqualTo("binary");
        assertThat(stor.get("security").toString()).contains("ftpToken");
    }

    @Test
    void theApiDescriptionGivesLoginTheTokenSchemeAndEachCommandsErrorReplies() {
        JsonNode docs = json(ftp.get(null, "/v3/api-docs"));
        JsonNode scheme = docs.get("components").get("securitySchemes").get("ftpToken");
        assertThat(scheme.get("in").asString()).isEqualTo("header");
        assertThat(scheme.get("name").asString()).isEqualTo("X-Auth-Token");

        JsonNode login = docs.get("paths").get("/api/ftp/session").get("post").get("responses");
        assertThat(login.propertyNames()).contains("201", "400", "401", "429");
        assertThat(login.get("201").get("headers").has("X-Auth-Token")).isTrue();

        List<String> checked = new ArrayList<>();
        docs.get("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/ftp/")) {
                return;
            }
            path.getValue().properties().forEach(operation -> {
                String name = operation.getKey() + " " + path.getKey();
                if (name.equals("post /api/ftp/session")) {
                    return;
                }
                checked.add(name);
                assertThat(operation.getValue().get("security").toString()).as(name).contains("ftpToken");
                assertThat(operation.getValue().get("responses").propertyNames()).as(name).contains("200", "401");
            });
        });
        assertThat(checked).hasSizeGreaterThan(25);

        JsonNode paths = docs.get("paths");
        assertThat(paths.get("/api/ftp/cwd").get("post").get("responses").propertyNames()).contains("400", "404", "409");
        JsonNode retr = paths.get("/api/ftp/retr").get("get").get("responses").get("200");
        assertThat(retr.get("content").has("application/octet-stream")).isTrue();
        assertThat(retr.get("headers").has("X-FTP-Reply")).isTrue();
        assertThat(paths.get("/api/ftp/sessions").get("get").get("responses").propertyNames()).contains("403");
        assertThat(paths.get("/api/ftp/stor").get("put").get("responses").propertyNames()).contains("413");
    }

    @Test
    void theCurlWalkthroughRunsAWholeSession() throws IOException, InterruptedException {
        // the shell's USER is someone else, as it always is: only STATELAB_USER may choose the account
        Process process = walkthrough(Map.of("STATELAB_BASE", "http://127.0.0.1:" + port, "USER", "alice",
                "STATELAB_USER", "bob", "STATELAB_PASS", "bob-pw"));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("== login as bob").contains("OK: the whole session worked");
    }

    @Test
    void theWalkthroughLogsInAsDemoByDefaultWhateverTheShellsUserIs() throws IOException, InterruptedException {
        Process process = walkthrough(Map.of("STATELAB_BASE", "http://127.0.0.1:" + port, "USER", "bob",
                "STATELAB_PASS", "bob-pw"));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // there is no demo account in this test, so the default login fails, and says whom it tried
        assertThat(output).contains("== login as demo").doesNotContain("login as bob");
        assertThat(process.exitValue()).as(output).isNotZero();
    }

    private static Process walkthrough(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "examples/ftp-session.sh").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("STATELAB_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private boolean hasTemporaryFiles() throws IOException {
        while (true) {
            try (Stream<Path> files = Files.walk(storage.resolve("bob"))) {
                return files.anyMatch(path -> path.getFileName().toString().startsWith(".statelab")
                        || path.getFileName().toString().equals("cut.bin"));
            } catch (java.io.UncheckedIOException e) {
                // the server removed a file while the walk read it: look again
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    private static boolean sleepBriefly() {
        sleep(200);
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
