package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.code;
import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a session remembers, and that it is its own: directory and pending rename per session, a hundred
 * sessions side by side, the record shown by the session endpoint, and the metrics of sessions and their state.
 */
class FtpSessionStateEndToEndTest extends FtpApiTestBase {

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
    void metricsCountSessionsTheirStateAndTokenChecks() throws Exception {
        String token = ftp.token("bob", "bob-pw");
        ftp.raw(token, "NOOP");
        HttpClient http = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
        for (String metric : List.of("statelab.ftp.sessions.active", "statelab.ftp.session.state.bytes",
                "statelab.auth.checks?tag=kind:session")) {
            // the state total is recomputed at most once a second
            long deadline = System.currentTimeMillis() + 3_000;
            double value;
            do {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ftp.uri("/actuator/metrics/" + metric))
                        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(metric).isEqualTo(200);
                value = json(response).get("measurements").get(0).get("value").asDouble();
            } while (value <= 0 && System.currentTimeMillis() < deadline && sleepBriefly());
            assertThat(value).as(metric).isPositive();
        }
    }

    private static boolean sleepBriefly() {
        sleep(200);
        return true;
    }
}
