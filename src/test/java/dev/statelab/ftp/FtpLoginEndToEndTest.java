package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.code;
import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Logging in and out of the FTP-style API: tokens in body and header, a new id per login, wrong
 * passwords, QUIT, missing or forged tokens, USER/PASS on the raw face, and no session for the stateless API.
 */
class FtpLoginEndToEndTest extends FtpApiTestBase {

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
    void theStatelessApiNeverGetsASessionEvenWithAToken() {
        String token = ftp.token("bob", "bob-pw");
        HttpResponse<String> stateless = ftp.get(token, "/api/http/files/");
        assertThat(stateless.headers().firstValue("X-Auth-Token")).isEmpty();
        assertThat(stateless.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
