package dev.statelab;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The build describes every statelab.* setting for IDEs, with the description its record's javadoc gives. */
class ConfigurationMetadataTest {

    @Test
    void everyStatelabSettingHasIdeMetadataWithADescription() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-configuration-metadata.json on the class path").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("statelab.")) {
                names.add(name);
                if (!property.hasNonNull("description") || property.get("description").asString().isBlank()) {
                    undescribed.add(name);
                }
            }
        }
        assertThat(names).contains("statelab.storage.root", "statelab.users.credential-cache-ttl",
                "statelab.http.listing.max-concurrent", "statelab.http.listing.retry-after", "statelab.relay.max-rooms");
        assertThat(undescribed).isEmpty();
    }
}
