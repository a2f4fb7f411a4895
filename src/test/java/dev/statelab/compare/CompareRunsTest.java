package dev.statelab.compare;

import static dev.statelab.support.BasicHeader.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scenario runner through its real endpoint: who may call it, what it refuses, what it reports. */
class CompareRunsTest extends CompareTestBase {

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry registry;

    private HttpResponse<String> postRun(String authorization, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/compare/runs"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void runnerRefusesNonAdminsWith403() throws Exception {
        HttpResponse<String> response = postRun(basic(USER, USER_PASSWORD), "{\"scenario\":\"browse-download-rename\"}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    void runnerWithoutCredentialsAnswers401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/compare/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scenario\":\"browse-download-rename\"}")).build());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"scenario\":\"teleport\"}", "{}", "{\"scenario\":42}", "not json"})
    void runnerAnswersBadScenarioWith400Problem(String body) throws Exception {
        HttpResponse<String> response = postRun(basic(ADMIN, ADMIN_PASSWORD), body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain(ROOT.toString());
    }

    @Test
    void browseDownloadRenameFillsBothSidesAndCleansUp() throws Exception {
        JsonNode run = run("browse-download-rename");
        List<JsonNode> steps = run.get("steps").valueStream().toList();
        assertThat(steps).extracting(s -> s.get("title").asString()).contains("Download b.txt");
        JsonNode http = run.get("http");
        JsonNode ftp = run.get("ftp");
        // stateless: listing, three downloads, one move; FTP: login, CWD, LIST, three RETR, RNFR, RNTO, QUIT
        assertThat(http.get("requests").asInt()).isEqualTo(5);
        assertThat(ftp.get("requests").asInt()).isEqualTo(9);
        assertThat(http.get("peakHeldBytes").asLong()).isZero();
        assertThat(ftp.get("peakHeldBytes").asLong()).isPositive();
        assertThat(ftp.get("heldBytesAtEnd").asLong()).isZero();
        assertThat(http.get("bytesSent").asLong()).isPositive();
        for (JsonNode step : steps) {
            for (JsonNode exchange : Stream.concat(step.get("http").valueStream(), step.get("ftp").valueStream()).toList()) {
                assertThat(exchange.get("status").asInt()).as(step.get("title").asString()).isBetween(200, 299);
            }
        }
        JsonNode rnfr = steps.stream().filter(s -> s.get("title").asString().contains("RNFR")).findFirst().orElseThrow();
        assertThat(rnfr.get("ftpHeld").get(0).get("state").get("pendingRename").asString()).contains("a.txt");
        assertThat(rnfr.get("ftp").get(0).get("ftpCode").asInt()).isEqualTo(350);
        assertThat(Files.exists(ROOT.resolve(ADMIN).resolve(run.get("folder").asString().replace("/", "")))).isFalse();
    }

    @Test
    void cutDownloadResumesWithRangeOnOneSideAndRestOnTheOther() throws Exception {
        JsonNode steps = run("resume-cut-download").get("steps");
        JsonNode resume = steps.valueStream().filter(s -> s.get("title").asString().startsWith("Resume")).findFirst().orElseThrow();
        assertThat(resume.get("http").get(0).get("status").asInt()).isEqualTo(206);
        assertThat(resume.get("http").get(0).get("responseBodyBytes").asLong()).isEqualTo(ResumeCutDownload.SIZE - ResumeCutDownload.CUT);
        assertThat(resume.get("ftp").get(0).get("ftpCode").asInt()).isEqualTo(350);
        assertThat(resume.get("ftpHeld").get(0).get("state").get("restartOffset").asLong()).isEqualTo(ResumeCutDownload.CUT);
    }

    @Test
    void lostUpdateGives412OnTheStatelessSideWhileTheLaterStorWins() throws Exception {
        JsonNode steps = run("two-clients-edit").get("steps");
        JsonNode second = steps.valueStream().filter(s -> s.get("title").asString().startsWith("Client B saves")).findFirst().orElseThrow();
        assertThat(second.get("http").get(0).get("status").asInt()).isEqualTo(412);
        assertThat(second.get("ftp").get(0).get("status").asInt()).isBetween(200, 299);
        JsonNode reread = steps.valueStream().filter(s -> s.get("title").asString().startsWith("Read notes.txt again")).findFirst().orElseThrow();
        assertThat(reread.get("explanation").asString()).contains("A's edit is there").contains("A's line is gone");
    }

    @Test
    void afterTheServerForgetsTheFtpClientMustLogInAgainAndTheStatelessOneCarriesOn() throws Exception {
        JsonNode steps = run("server-forgets").get("steps");
        JsonNode finish = steps.valueStream().filter(s -> s.get("title").asString().equals("Finish the rename")).findFirst().orElseThrow();
        assertThat(finish.get("http").get(0).get("status").asInt()).isBetween(200, 299);
        assertThat(finish.get("ftp").get(0).get("status").asInt()).isEqualTo(401);
        JsonNode pwd = steps.valueStream().filter(s -> s.get("title").asString().contains("where am I")).findFirst().orElseThrow();
        assertThat(pwd.get("ftp").get(0).get("ftpText").asString()).contains("\"/\"");
        JsonNode rnto = steps.valueStream().filter(s -> s.get("title").asString().contains("RNTO again")).findFirst().orElseThrow();
        assertThat(rnto.get("ftp").get(0).get("ftpCode").asInt()).isEqualTo(503);
    }

    @Test
    void afterLogOutTheSignedTokenStillWorksWhileTheSessionTokenIsRefused() throws Exception {
        long bearerChecks = summary().path("authChecks").path("bearer").path("count").asLong(0);
        JsonNode steps = run("login-and-logout").get("steps");
        assertThat(summary().get("authChecks").get("bearer").get("count").asLong()).isGreaterThanOrEqualTo(bearerChecks + 3);
        JsonNode bearer = steps.valueStream().filter(s -> s.get("title").asString().startsWith("Requests with a token")).findFirst().orElseThrow();
        assertThat(bearer.get("http").get(0).get("status").asInt()).isEqualTo(200);
        assertThat(bearer.get("http").get(0).get("requestHeaders").get("Authorization").asString()).startsWith("Bearer");
        JsonNode after = steps.valueStream().filter(s -> s.get("title").asString().startsWith("Use the old token")).findFirst().orElseThrow();
        assertThat(after.get("http").get(0).get("status").asInt()).isEqualTo(200);
        assertThat(after.get("ftp").get(0).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void runsMoveTheRequestAndByteCountersOfBothApis() throws Exception {
        double httpBefore = count("statelab.requests", "http");
        double ftpBefore = count("statelab.requests", "ftp");
        double ftpBytesIn = bytes("ftp", "in");
        double httpBytesOut = bytes("http", "out");
        run("browse-download-rename");
        // the runner's 5 + 9 requests, plus its uncounted session probes on the FTP side
        assertThat(count("statelab.requests", "http") - httpBefore).isGreaterThanOrEqualTo(5);
        assertThat(count("statelab.requests", "ftp") - ftpBefore).isGreaterThanOrEqualTo(9);
        assertThat(bytes("ftp", "in")).isGreaterThan(ftpBytesIn);
        assertThat(bytes("http", "out") - httpBytesOut).isGreaterThan(3 * 400);
        assertThat(registry.find("statelab.requests").counters())
                .allSatisfy(c -> assertThat(c.getId().getTags()).extracting(t -> t.getKey()).containsExactly("api"));
        // the FTP port also says which of its two connections the bytes crossed (CONTRACT: channel=control|data)
        assertThat(registry.find("statelab.bytes").counters())
                .allSatisfy(c -> assertThat(c.getId().getTags()).extracting(t -> t.getKey()).containsExactlyInAnyOrderElementsOf(
                        "ftp-port".equals(c.getId().getTag("api")) ? List.of("api", "direction", "channel")
                                : List.of("api", "direction")));
    }

    @Test
    void runnerAndServerCountTheSameStatelessBytes() throws Exception {
        double in = bytes("http", "in");
        double out = bytes("http", "out");
        JsonNode totals = run("browse-download-rename").get("http");
        // the runner rebuilds what its client sent; the server's filter rebuilds what it received
        assertThat(bytes("http", "in") - in).isEqualTo(totals.get("bytesSent").asDouble());
        assertThat(bytes("http", "out") - out).isCloseTo(totals.get("bytesReceived").asDouble(),
                org.assertj.core.data.Offset.offset(5 * 45.0));
    }

    @Test
    void requestBytesAreCountedExactlyAndResponseBytesUpToTheContainersOwnHeaders() throws Exception {
        String request = "GET /api/http/files/nothing-here.txt?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + basic(USER, USER_PASSWORD) + "\r\nConnection: close\r\n\r\n";
        double in = bytes("http", "in");
        double out = bytes("http", "out");
        byte[] response;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            response = socket.getInputStream().readAllBytes();
        }
        String text = new String(response, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("HTTP/1.1 404");
        assertThat(bytes("http", "in") - in).isEqualTo(request.length());
        // only the Connection header the container adds when it closes is not reckoned
        double counted = bytes("http", "out") - out;
        assertThat(counted).as(text).isBetween(response.length - 45.0, (double) response.length);
    }

    @Test
    void metricsSummaryShowsLiveSessionsAndAuthChecksByKind() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/ftp/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + USER + "\",\"pass\":\"" + USER_PASSWORD + "\"}")).build());
        assertThat(login.statusCode()).isEqualTo(201);
        String token = login.headers().firstValue("X-Auth-Token").orElseThrow();
        try {
            JsonNode summary = summary();
            assertThat(summary.get("ftp").get("sessionsActive").asDouble()).isGreaterThanOrEqualTo(1);
            // the FTP side recomputes the total state size at most every 10 seconds
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            while (summary().get("ftp").get("sessionStateBytes").asDouble() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(summary().get("ftp").get("sessionStateBytes").asDouble()).isPositive();
            long sessionChecks = summary.path("authChecks").path("session").path("count").asLong(0);
            send(HttpRequest.newBuilder(uri("/api/ftp/command")).header("X-Auth-Token", token)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("PWD")).build());
            assertThat(summary().get("authChecks").get("session").get("count").asLong()).isGreaterThan(sessionChecks);
            long basicChecks = summary().path("authChecks").path("basic").path("count").asLong(0);
            send(HttpRequest.newBuilder(uri("/api/http/files/")).header("Authorization", basic(USER, USER_PASSWORD)).GET().build());
            assertThat(summary().get("authChecks").get("basic").get("count").asLong()).isGreaterThan(basicChecks);
        } finally {
            send(HttpRequest.newBuilder(uri("/api/ftp/session")).header("X-Auth-Token", token).DELETE().build());
        }
    }

    private JsonNode summary() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/compare/metrics"))
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD)).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode run(String scenario) throws Exception {
        HttpResponse<String> response = postRun(basic(ADMIN, ADMIN_PASSWORD), "{\"scenario\":\"" + scenario + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private double count(String name, String api) {
        return registry.find(name).tag("api", api).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double bytes(String api, String direction) {
        return registry.find("statelab.bytes").tag("api", api).tag("direction", direction).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
