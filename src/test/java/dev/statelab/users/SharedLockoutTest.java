package dev.statelab.users;

import static dev.statelab.support.BasicHeader.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.statelab.support.TemporaryStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One lockout for every password check, on a real port: guesses over HTTP Basic lock the FTP-style login
 * and the other way round; a locked check is a 429 with Retry-After and costs no hash; an unknown user
 * costs as much as a known one. The accounts use bcrypt cost 12, so a hash is easy to tell from none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.ftp.port=-1", "statelab.sockets.tcp-port=-1", "statelab.sockets.udp-port=-1",
        "statelab.users.lockout.max-failures-per-user=3",
        "statelab.users.lockout.max-failures-per-address=1000",
        "statelab.users.lockout.duration=1h"})
class SharedLockoutTest {

    static final String PASSWORD = "right-secret";
    static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(12).encode(PASSWORD);
    static final Path ROOT = TemporaryStorage.create("statelab-lockout-");

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", ROOT::toString);
        for (String user : new String[] {"ana", "bo", "carol", "dan"}) {
            registry.add("statelab.users.accounts." + user + ".password", () -> HASH);
            registry.add("statelab.users.accounts." + user + ".role", () -> "ADMIN");
        }
    }

    @Test
    void basicGuessesLockTheFtpStyleLoginAndEveryOtherBasicEndpoint() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(basicGet("ana", "guess" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = basicGet("ana", PASSWORD);
        assertLocked(locked);
        assertThat(ftpLogin("ana", PASSWORD).statusCode()).as("FTP's 421 over HTTP").isEqualTo(429);
        assertLocked(send(HttpRequest.newBuilder(uri("/api/relay/ticket")).header("Authorization", basic("ana", PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertLocked(send(HttpRequest.newBuilder(uri("/api/http/token")).header("Authorization", basic("ana", PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertLocked(send(HttpRequest.newBuilder(uri("/actuator/metrics")).header("Authorization", basic("ana", PASSWORD))));
        assertThat(basicGet("bo", PASSWORD).statusCode()).as("another user is not locked").isEqualTo(200);
    }

    @Test
    void ftpStyleGuessesLockHttpBasic() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(ftpLogin("carol", "guess" + i).statusCode()).isEqualTo(401);
        }
        assertThat(ftpLogin("carol", PASSWORD).body()).contains("421");
        assertLocked(basicGet("carol", PASSWORD));
    }

    @Test
    void aLockedCheckCostsNoHash() throws Exception {
        long hashed = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(basicGet("dan", "guess" + i).statusCode()).isEqualTo(401);
        }
        long perHashedCheck = (System.nanoTime() - hashed) / 3;
        int lockedRequests = 20;
        long locked = System.nanoTime();
        for (int i = 0; i < lockedRequests; i++) {
            assertLocked(basicGet("dan", "guess-more" + i));
        }
        long perLockedCheck = (System.nanoTime() - locked) / lockedRequests;
        assertThat(perLockedCheck).as("locked %d ns vs hashed %d ns", perLockedCheck, perHashedCheck)
                .isLessThan(perHashedCheck / 4);
    }

    @Test
    void anUnknownUserCostsAsMuchAsAKnownOne() throws Exception {
        // warm both paths, then take the best of a few, which noise from other processes only lengthens
        long known = Long.MAX_VALUE;
        long unknown = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            known = Math.min(known, timed("bo", "wrong-" + i));
            unknown = Math.min(unknown, timed("nobody-" + i, "wrong"));
        }
        assertThat((double) unknown / known).as("unknown %d ns, known %d ns", unknown, known).isGreaterThan(0.6);
        assertThat(basicGet("bo", PASSWORD).statusCode()).isEqualTo(200);
    }

    private long timed(String user, String password) throws Exception {
        long start = System.nanoTime();
        assertThat(basicGet(user, password).statusCode()).isEqualTo(401);
        return System.nanoTime() - start;
    }

    private void assertLocked(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("urn:statelab:problem:locked-out");
    }

    private HttpResponse<String> basicGet(String user, String password) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/http/files/")).header("Authorization", basic(user, password)));
    }

    private HttpResponse<String> ftpLogin(String user, String password) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/ftp/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"pass\":\"" + password + "\"}")));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
