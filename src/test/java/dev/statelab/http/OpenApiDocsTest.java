package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Swagger UI needs to call the stateless API: both ways to authenticate and a binary upload body. */
class OpenApiDocsTest extends HttpApiTest {

    @Test
    void theFileApiIsDescribedForSwaggerUi() {
        JsonNode docs = JsonMapper.builder().build().readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).build()).body());
        JsonNode files = docs.at("/paths/~1api~1http~1files~1{path}");
        assertThat(files.has("get") && files.has("put") && files.has("delete") && files.has("post")).isTrue();
        assertThat(files.at("/put/requestBody/content/application~1octet-stream/schema/format").asString()).isEqualTo("binary");
        assertThat(files.at("/get/security").toString()).contains("basicAuth").contains("bearerAuth");
        assertThat(files.at("/get/responses").propertyNames()).contains("200", "206", "304", "401", "404", "412", "416");
        assertThat(files.at("/post/parameters/1/schema/enum").toString()).isEqualTo("[\"mkdir\",\"move\",\"copy\"]");
        assertThat(docs.at("/paths/~1api~1http~1token/post/responses/200").isMissingNode()).isFalse();
        assertThat(docs.at("/components/schemas/FolderListing/properties/entries").isMissingNode()).isFalse();
    }
}
