package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.code;
import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * What the endpoints answer to commands and bad requests: the same FTP reply from the REST and the raw
 * face, an FTP reply (not a bare problem) for a missing argument, a bad body or an overlong line.
 */
class FtpRepliesEndToEndTest extends FtpApiTestBase {

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
}
