package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.code;
import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An admin's view of FTP-style sessions: listing them, ending one, ending all; others get 403.
 */
class FtpAdminEndToEndTest extends FtpApiTestBase {

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
}
