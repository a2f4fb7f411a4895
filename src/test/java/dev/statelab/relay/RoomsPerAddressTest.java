package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** New rooms per IP address, through a real port (every test client comes from 127.0.0.1). */
@TestPropertySource(properties = {"statelab.relay.new-rooms-per-address=5", "statelab.relay.new-rooms-window=1h",
        "statelab.relay.new-rooms-per-connection=3"})
class RoomsPerAddressTest extends RelayTestBase {

    @Test
    void connectionsFromOneAddressOpenNoMoreNewRoomsTogetherThanItsShare() {
        List<ChatClient> clients = new ArrayList<>();
        try {
            int opened = 0;
            int refused = 0;
            for (int c = 0; c < 4; c++) {
                ChatClient client = ChatClient.connect(port);
                clients.add(client);
                for (int r = 0; r < 2; r++) { // below the per-connection limit: the address is what refuses
                    client.send("{\"type\":\"join\",\"room\":\"addr-" + c + "-" + r + "\",\"nick\":\"c" + c + "\"}");
                    JsonNode answer = client.next(f -> !f.path("type").asString().equals("presence"),
                            java.time.Duration.ofSeconds(10));
                    if (answer.path("type").asString().equals("joined")) {
                        opened++;
                    } else {
                        assertThat(answer.path("code").asString()).isEqualTo("too-many-new-rooms");
                        refused++;
                    }
                }
            }
            assertThat(opened).isEqualTo(5);
            assertThat(refused).isEqualTo(3);
            ChatClient last = clients.get(3);
            assertThat(last.join("addr-0-1", "late").path("members").size()).isEqualTo(2);
        } finally {
            clients.forEach(ChatClient::close);
        }
    }
}
