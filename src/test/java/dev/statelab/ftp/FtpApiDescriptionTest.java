package dev.statelab.ftp;

import static dev.statelab.ftp.FtpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description of the FTP-style API: the token scheme, each command's replies, a file picker for STOR.
 */
class FtpApiDescriptionTest extends FtpApiTestBase {

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
}
