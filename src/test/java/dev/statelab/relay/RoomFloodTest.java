package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** What anonymous clients can make the relay hold, through a real port: rooms and history stay bounded. */
@TestPropertySource(properties = {"statelab.relay.max-rooms=6", "statelab.relay.new-rooms-per-connection=3",
        "statelab.relay.max-history-bytes=100KB"})
class RoomFloodTest extends RelayTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void throwawayRoomsAreDroppedAtOnceSoAFloodLeavesNothingBehind() {
        waitForNoConnections();
        double before = gauge("statelab.relay.rooms");
        for (int c = 0; c < 15; c++) {
            try (ChatClient flooder = ChatClient.connect(port)) {
                for (int r = 0; r < 3; r++) {
                    flooder.join("throwaway-" + c + "-" + r, "f");
                }
            }
            // the last flooder's room goes when the server sees its socket close, a moment after the client
            waitUntil(() -> gauge("statelab.relay.rooms") <= before);
        }
        try (ChatClient newcomer = ChatClient.connect(port)) {
            assertThat(newcomer.join("after-the-flood", "n").path("room").asString()).isEqualTo("after-the-flood");
        }
    }

    @Test
    void aConnectionOpensOnlyItsShareOfNewRoomsButMayStillJoinExistingOnes() {
        try (ChatClient host = ChatClient.connect(port); ChatClient greedy = ChatClient.connect(port)) {
            host.join("share-existing", "host");
            for (int r = 0; r < 3; r++) {
                greedy.join("share-" + r, "g");
            }
            greedy.send("{\"type\":\"join\",\"room\":\"share-3\",\"nick\":\"g\"}");
            JsonNode refused = greedy.next("error");
            assertThat(refused.path("code").asString()).isEqualTo("too-many-new-rooms");
            assertThat(refused.path("text").asString()).doesNotContain("Exception");
            assertThat(greedy.join("share-existing", "g").path("members").size()).isEqualTo(2);
        }
    }

    @Test
    void aFullRelayForgetsTheRoomEmptyLongestToOpenANewOne() {
        waitForNoConnections();
        List<String> epochs = new ArrayList<>();
        for (int r = 1; r <= 6; r++) {
            try (ChatClient writer = ChatClient.connect(port)) {
                epochs.add(writer.join("full-" + r, "w").path("epoch").asString());
                writer.send("{\"type\":\"send\",\"text\":\"kept " + r + "\"}").next("message");
                writer.send("{\"type\":\"leave\"}").next("left");
            }
        }
        try (ChatClient newcomer = ChatClient.connect(port); ChatClient back = ChatClient.connect(port)) {
            assertThat(newcomer.join("full-new", "n").path("room").asString()).isEqualTo("full-new");

            back.send("{\"type\":\"join\",\"room\":\"full-6\",\"nick\":\"b\",\"since\":0,\"epoch\":\"" + epochs.get(5) + "\"}");
            JsonNode kept = back.next("joined");
            assertThat(kept.path("recovered").asBoolean()).isTrue();
            assertThat(kept.path("history").findValuesAsString("text")).containsExactly("kept 6");

            back.send("{\"type\":\"join\",\"room\":\"full-1\",\"nick\":\"b\",\"since\":0,\"epoch\":\"" + epochs.get(0) + "\"}");
            JsonNode forgotten = back.next("joined");
            assertThat(forgotten.path("recovered").asBoolean()).isFalse();
            assertThat(forgotten.path("epoch").asString()).isNotEqualTo(epochs.get(0));
            assertThat(forgotten.path("history").size()).isZero();
        }
    }

    @Test
    void historiesStayUnderTheirBoundByDroppingTheOldestMessagesOfTheLargest() {
        try (ChatClient small = ChatClient.connect(port); ChatClient big = ChatClient.connect(port)) {
            String smallEpoch = small.join("bound-small", "s").path("epoch").asString();
            for (int i = 1; i <= 3; i++) {
                small.send("{\"type\":\"send\",\"text\":\"short " + i + "\"}").next("message");
            }
            String bigEpoch = big.join("bound-big", "b").path("epoch").asString();
            String long10k = "x".repeat(10_000);
            for (int i = 1; i <= 6; i++) {
                big.send("{\"type\":\"send\",\"text\":\"" + i + long10k + "\"}").next("message");
            }
            // the sender has its echo before the relay trims (the trim runs outside the room's lock, after the fan-out)
            waitUntil(() -> gauge("statelab.relay.history.bytes") <= 100 * 1024);

            try (ChatClient reader = ChatClient.connect(port)) {
                reader.send(join("bound-big", bigEpoch, 1));
                JsonNode trimmed = reader.next("joined");
                assertThat(trimmed.path("recovered").asBoolean()).isFalse();
                assertThat(trimmed.path("epoch").asString()).isEqualTo(bigEpoch);
                assertThat(trimmed.path("history").findValues("seq")).extracting(JsonNode::asLong)
                        .containsExactly(3L, 4L, 5L, 6L);

                reader.send(join("bound-big", bigEpoch, 2));
                assertThat(reader.next("joined").path("recovered").asBoolean()).isTrue();

                reader.send(join("bound-small", smallEpoch, 0));
                JsonNode untouched = reader.next("joined");
                assertThat(untouched.path("recovered").asBoolean()).isTrue();
                assertThat(untouched.path("history").findValuesAsString("text")).containsExactly("short 1", "short 2", "short 3");
            }
        }
    }

    private static String join(String room, String epoch, long since) {
        return "{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"reader\",\"since\":" + since
                + ",\"epoch\":\"" + epoch + "\"}";
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private void waitForNoConnections() {
        waitUntil(() -> gauge("statelab.relay.connections") == 0);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
