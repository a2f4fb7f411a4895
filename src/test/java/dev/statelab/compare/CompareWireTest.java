package dev.statelab.compare;

import static dev.statelab.support.BasicHeader.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The wire comparison through the real FTP port and the HTTP API, counted on the sockets. */
class CompareWireTest extends CompareTestBase {

    @Test
    void ftpOpensOneControlConnectionAndOneDataConnectionPerTransferWhereHttpKeepsOneConnection() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/compare/wire"))
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode run = JsonMapper.builder().build().readTree(response.body());
        JsonNode http = run.get("http");
        JsonNode ftp = run.get("ftp");
        assertThat(http.get("tcpConnections").asInt()).as("one kept-alive connection").isEqualTo(1);
        assertThat(http.get("roundTrips").asInt()).as("list, three downloads, one move").isEqualTo(5);
        assertThat(ftp.get("tcpConnections").asInt()).as("control + LIST + three RETR").isEqualTo(5);
        assertThat(ftp.get("dataBytes").asLong()).as("three files of 4,400 bytes and a listing")
                .isGreaterThan(3 * 4400);
        assertThat(ftp.get("controlBytes").asLong()).isPositive();
        assertThat(ftp.get("roundTrips").asInt()).isGreaterThan(http.get("roundTrips").asInt());
        assertThat(ftp.get("commands").toString()).contains("PASS ****").doesNotContain(ADMIN_PASSWORD)
                .contains("RNFR a.txt").contains("PASV");
        try (var left = Files.list(Path.of(ROOT.toString(), ADMIN))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("wire-"));
        }
    }

    @Test
    void aPlainUserIsRefused() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/compare/wire"))
                .header("Authorization", basic(USER, USER_PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(403);
    }
}
