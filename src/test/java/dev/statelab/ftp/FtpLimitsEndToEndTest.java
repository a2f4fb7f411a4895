package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.code;
import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.statelab.store.SessionDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The lifecycle limits, with settings small enough to reach in a test: idle expiry, lockout, sessions per user. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.users.accounts.ida.password={noop}ida-pw",
        "statelab.users.accounts.lou.password={noop}lou-pw",
        "statelab.users.accounts.max.password={noop}max-pw",
        "statelab.users.accounts.pat.password={noop}pat-pw",
        "statelab.ftp.max-pending-logins=3",
        "statelab.ftp.idle-timeout=2s",
        "statelab.ftp.cleanup-interval=500ms",
        "statelab.ftp.max-sessions-per-user=2",
        "statelab.users.lockout.max-failures-per-user=3",
        "statelab.users.lockout.max-failures-per-address=1000",
        "statelab.users.lockout.duration=1h"})
class FtpLimitsEndToEndTest {

    @TempDir
    static Path storage;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", () -> storage.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    SessionDirectory sessions;

    private FtpApiClient ftp;

    @BeforeEach
    void client() {
        ftp = new FtpApiClient(port);
    }

    @Test
    void anIdleSessionExpiresAndItsTokenAnswers401SayingSo() throws InterruptedException {
        String token = ftp.token("ida", "ida-pw");
        assertThat(code(ftp.raw(token, "NOOP"))).isEqualTo(200);
        Thread.sleep(1_200);
        assertThat(code(ftp.raw(token, "NOOP"))).as("each command restarts the idle clock").isEqualTo(200);
        Thread.sleep(1_200);
        assertThat(code(ftp.raw(token, "NOOP"))).isEqualTo(200);
        Thread.sleep(3_500);
        HttpResponse<String> expired = ftp.get(token, "/api/ftp/pwd");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("type").asString()).endsWith("session-expired");
        assertThat(json(expired).get("detail").asString()).startsWith("421").contains("expired after 2s");
    }

    @Test
    void expiredSessionsArePurgedFromMemoryWithoutAnyoneAsking() throws InterruptedException {
        ftp.token("ida", "ida-pw");
        assertThat(sessions.count()).isPositive();
        // count() reads the map's size and purges nothing itself: only the scheduled purge can empty it
        long deadline = System.currentTimeMillis() + 10_000;
        while (sessions.count() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(sessions.count()).isZero();
    }

    @Test
    void repeatedFailuresLockTheUserOutWith421EvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(code(ftp.login("lou", "wrong"))).isEqualTo(530);
        }
        HttpResponse<String> locked = ftp.login("lou", "lou-pw");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(code(locked)).isEqualTo(421);
        assertThat(json(locked).get("text").asString()).contains("Too many failed logins");
        assertThat(code(ftp.raw(ftp.raw(null, "USER lou").headers().firstValue("X-Auth-Token").orElseThrow(),
                "PASS lou-pw"))).as("the raw face too").isEqualTo(421);
    }

    @Test
    void rawUsersWaitingForAPasswordAreCappedWith421AndQuitMakesRoom() {
        List<String> waiting = new ArrayList<>();
        HttpResponse<String> refused = null;
        // other tests may hold a waiting USER of their own, so fill up to the cap, whatever is left of it
        for (int i = 0; i < 5 && refused == null; i++) {
            HttpResponse<String> user = ftp.raw(null, "USER pat");
            if (code(user) == 331) {
                waiting.add(user.headers().firstValue("X-Auth-Token").orElseThrow());
            } else {
                refused = user;
            }
        }
        assertThat(refused).as("a USER beyond the cap").isNotNull();
        assertThat(waiting).hasSizeBetween(1, 3);
        assertThat(code(refused)).isEqualTo(421);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-Auth-Token")).as("no session was opened").isEmpty();
        assertThat(json(refused).has("token")).isFalse();
        assertThat(ftp.login("pat", "pat-pw").statusCode()).as("a one-request login needs no waiting session")
                .isEqualTo(201);

        assertThat(code(ftp.raw(waiting.get(0), "PASS pat-pw"))).as("logging in frees its place").isEqualTo(230);
        HttpResponse<String> again = ftp.raw(null, "USER pat");
        assertThat(code(again)).isEqualTo(331);
        assertThat(code(ftp.raw(again.headers().firstValue("X-Auth-Token").orElseThrow(), "QUIT"))).isEqualTo(221);
        waiting.subList(1, waiting.size()).forEach(token -> assertThat(code(ftp.raw(token, "QUIT"))).isEqualTo(221));
    }

    @Test
    void aLoginBeyondTheSessionLimitIsRefusedWith421AndTheOpenSessionsStay() {
        String first = ftp.token("max", "max-pw");
        String second = ftp.token("max", "max-pw");
        HttpResponse<String> third = ftp.login("max", "max-pw");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(code(third)).isEqualTo(421);
        assertThat(json(third).get("text").asString()).contains("Too many sessions");
        assertThat(code(ftp.raw(first, "NOOP"))).isEqualTo(200);
        assertThat(code(ftp.raw(second, "NOOP"))).isEqualTo(200);
        assertThat(code(ftp.call(first, "DELETE", "/api/ftp/session"))).isEqualTo(221);
        assertThat(ftp.login("max", "max-pw").statusCode()).as("after a QUIT there is room again").isEqualTo(201);
    }
}
