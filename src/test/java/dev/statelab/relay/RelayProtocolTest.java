package dev.statelab.relay;

import static dev.statelab.support.BasicHeader.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The relay's protocol through a real port: rooms, presence, history, recovery, errors and identity. */
class RelayProtocolTest extends RelayTestBase {

    private static final String ADDRESS = "127\\.0\\.0\\.1:\\d{1,5}";

    @Test
    void joinAnswersWithEpochMembersAndEmptyHistory() {
        try (ChatClient ana = ChatClient.connect(port)) {
            JsonNode joined = ana.join("first", "ana");
            assertThat(joined.path("room").asString()).isEqualTo("first");
            assertThat(joined.path("nick").asString()).isEqualTo("ana");
            assertThat(joined.path("epoch").asString()).isNotBlank();
            assertThat(joined.path("recovered").asBoolean()).isFalse();
            assertThat(joined.path("history").size()).isZero();
            assertThat(joined.path("members").size()).isEqualTo(1);
            assertThat(joined.path("members").get(0).path("address").asString()).matches(ADDRESS);
        }
    }

    @Test
    void messageReachesEveryMemberWithOneSequenceNumber() {
        List<ChatClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                ChatClient client = ChatClient.connect(port);
                clients.add(client);
                client.join("many", "c" + i);
            }
            clients.get(7).send("{\"type\":\"send\",\"text\":\"hello all\"}");
            for (ChatClient client : clients) {
                JsonNode message = client.next("message");
                assertThat(message.path("text").asString()).isEqualTo("hello all");
                assertThat(message.path("nick").asString()).isEqualTo("c7");
                assertThat(message.path("seq").asLong()).isEqualTo(1);
                assertThat(message.path("ts").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            }
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    @Test
    void presenceShowsWhoCameAndWentWithTheirAddresses() {
        try (ChatClient ana = ChatClient.connect(port)) {
            ana.join("presence", "ana");
            try (ChatClient bo = ChatClient.connect(port)) {
                JsonNode joined = bo.join("presence", "bo");
                assertThat(joined.path("members").findValuesAsString("nick")).containsExactly("ana", "bo");
                joined.path("members").forEach(m -> assertThat(m.path("address").asString()).matches(ADDRESS));

                JsonNode came = ana.next("presence");
                assertThat(came.path("event").asString()).isEqualTo("join");
                assertThat(came.path("nick").asString()).isEqualTo("bo");
                assertThat(came.path("members").get(0).path("address").asString()).matches(ADDRESS);
            }
            JsonNode went = ana.next("presence");
            assertThat(went.path("event").asString()).isEqualTo("leave");
            assertThat(went.path("nick").asString()).isEqualTo("bo");
        }
    }

    @Test
    void joinBringsTheLastHundredMessages() {
        try (ChatClient writer = ChatClient.connect(port); ChatClient reader = ChatClient.connect(port)) {
            writer.join("history", "writer");
            for (int i = 1; i <= 120; i++) {
                writer.send("{\"type\":\"send\",\"text\":\"m" + i + "\"}");
            }
            writer.next(m -> m.path("seq").asLong() == 120, Duration.ofSeconds(10));
            JsonNode history = reader.join("history", "reader").path("history");
            assertThat(history.size()).isEqualTo(100);
            assertThat(history.get(0).path("seq").asLong()).isEqualTo(21);
            assertThat(history.get(99).path("text").asString()).isEqualTo("m120");
        }
    }

    @Test
    void reconnectWithSinceAndEpochRecoversExactlyWhatWasMissed() {
        try (ChatClient bo = ChatClient.connect(port)) {
            bo.join("resume", "bo");
            long lastSeen;
            String epoch;
            try (ChatClient ana = ChatClient.connect(port)) {
                epoch = ana.join("resume", "ana").path("epoch").asString();
                bo.send("{\"type\":\"send\",\"text\":\"before\"}");
                lastSeen = ana.next("message").path("seq").asLong();
            }
            bo.next(p -> p.path("event").asString().equals("leave"), Duration.ofSeconds(5));
            for (int i = 1; i <= 5; i++) {
                bo.send("{\"type\":\"send\",\"text\":\"missed " + i + "\"}");
            }
            bo.next(m -> m.path("text").asString().equals("missed 5"), Duration.ofSeconds(5));

            try (ChatClient ana = ChatClient.connect(port)) {
                ana.send("{\"type\":\"join\",\"room\":\"resume\",\"nick\":\"ana\",\"since\":" + lastSeen
                        + ",\"epoch\":\"" + epoch + "\"}");
                JsonNode joined = ana.next("joined");
                assertThat(joined.path("recovered").asBoolean()).isTrue();
                assertThat(joined.path("epoch").asString()).isEqualTo(epoch);
                assertThat(joined.path("history").findValuesAsString("text"))
                        .containsExactly("missed 1", "missed 2", "missed 3", "missed 4", "missed 5");
                assertThat(joined.path("history").get(0).path("seq").asLong()).isEqualTo(lastSeen + 1);
            }
        }
    }

    @Test
    void aWrongEpochIsNotRecoveredAndGetsTheNormalHistory() {
        try (ChatClient bo = ChatClient.connect(port); ChatClient ana = ChatClient.connect(port)) {
            bo.join("epochs", "bo");
            bo.send("{\"type\":\"send\",\"text\":\"one\"}").send("{\"type\":\"send\",\"text\":\"two\"}");
            bo.next(m -> m.path("text").asString().equals("two"), Duration.ofSeconds(5));
            ana.send("{\"type\":\"join\",\"room\":\"epochs\",\"nick\":\"ana\",\"since\":1,\"epoch\":\"gone\"}");
            JsonNode joined = ana.next("joined");
            assertThat(joined.path("recovered").asBoolean()).isFalse();
            assertThat(joined.path("history").findValuesAsString("text")).containsExactly("one", "two");
        }
    }

    @Test
    void badFramesGetErrorsAndTheConnectionStaysUsable() {
        try (ChatClient client = ChatClient.connect(port); ChatClient other = ChatClient.connect(port)) {
            assertThat(client.send("not json").next("error").path("code").asString()).isEqualTo("bad-json");
            assertThat(client.send("{\"type\":\"dance\"}").next("error").path("code").asString()).isEqualTo("unknown-type");
            assertThat(client.send("{\"type\":\"send\",\"text\":\"x\"}").next("error").path("code").asString()).isEqualTo("not-joined");
            assertThat(client.send("{\"type\":\"join\",\"room\":\"errors\",\"nick\":\"a b\"}").next("error").path("code").asString()).isEqualTo("nick-invalid");
            assertThat(client.send("{\"type\":\"join\",\"room\":\"../x\",\"nick\":\"ab\"}").next("error").path("code").asString()).isEqualTo("room-invalid");
            other.join("errors", "taken");
            assertThat(client.send("{\"type\":\"join\",\"room\":\"errors\",\"nick\":\"TAKEN\"}").next("error").path("code").asString()).isEqualTo("nick-taken");
            client.join("errors", "free");
            assertThat(client.send("{\"type\":\"send\",\"text\":\"   \"}").next("error").path("code").asString()).isEqualTo("text-invalid");
            assertThat(client.send("{\"type\":\"ping\"}").next("pong")).isNotNull();
            assertThat(client.send("{\"type\":\"leave\"}").next("left").path("room").asString()).isEqualTo("errors");
            assertThat(other.next(p -> p.path("event").asString().equals("leave"), Duration.ofSeconds(5))
                    .path("nick").asString()).isEqualTo("free");
        }
    }

    @Test
    void aTextFrameOverTheLimitClosesWith1009() {
        try (ChatClient client = ChatClient.connect(port)) {
            client.send("{\"type\":\"send\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void aBinaryFrameLargerThanTheContainersBinaryBufferClosesWith1003() {
        try (ChatClient client = ChatClient.connect(port)) {
            client.socket().sendBinary(java.nio.ByteBuffer.wrap(new byte[4096]), true).exceptionally(e -> null).join();
            assertThat(client.awaitClose()).isEqualTo(1003);
        }
    }

    @Test
    void aMessageInManyContinuationFramesIsJoinedAndHandled() {
        try (ChatClient client = ChatClient.connect(port)) {
            String text = "y".repeat(1900);
            client.join("parts", "pieces");
            String frame = "{\"type\":\"send\",\"text\":\"" + text + "\"}";
            for (int i = 0; i < frame.length(); i += 300) {
                client.socket().sendText(frame.substring(i, Math.min(frame.length(), i + 300)), i + 300 >= frame.length()).join();
            }
            assertThat(client.next("message").path("text").asString()).isEqualTo(text);
        }
    }

    @Test
    void aServerFrameLargerThanTheWebSocketBufferSettingGoesOutInContinuationFrames() {
        try (ChatClient client = ChatClient.connect(port)) {
            client.join("continued", "long");
            int before = client.partsNotLast.get();
            String text = "z".repeat(4000);
            client.send("{\"type\":\"send\",\"text\":\"" + text + "\"}");
            assertThat(client.next("message").path("text").asString()).isEqualTo(text);
            // Tomcat's own default (8 KiB) would send this in one frame; 512 bytes make eight or more
            assertThat(client.partsNotLast.get() - before).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void sendingFasterThanTheRateLimitGetsAnErrorThenClose1008() {
        try (ChatClient client = ChatClient.connect(port)) {
            for (int i = 0; i < 700 && !client.closeCode.isDone(); i++) {
                client.socket().sendText("{\"type\":\"ping\"}", true).exceptionally(e -> null).join();
            }
            assertThat(client.next("error").path("code").asString()).isEqualTo("rate-limited");
            assertThat(client.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void aForeignOriginIsRefusedAtTheHandshake() {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/chat");
        assertThatThrownBy(() -> ChatClient.connect(uri, ChatClient.HTTP.newWebSocketBuilder()
                .header("Origin", "https://evil.example")))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        try (ChatClient local = ChatClient.connect(uri, ChatClient.HTTP.newWebSocketBuilder()
                .header("Origin", "http://localhost:5173"))) {
            assertThat(local.join("origins", "local").path("nick").asString()).isEqualTo("local");
        }
    }

    @Test
    void aTicketJoinsUnderTheAccountNameOnceOnly() throws Exception {
        HttpResponse<String> response = ChatClient.HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/relay/ticket"))
                .header("Authorization", basic("alice", "secret"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String ticket = JsonMapper.builder().build().readTree(response.body()).path("ticket").asString();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/chat?ticket=" + ticket);

        try (ChatClient alice = ChatClient.connect(uri, ChatClient.HTTP.newWebSocketBuilder())) {
            JsonNode joined = alice.join("tickets", "whatever");
            assertThat(joined.path("nick").asString()).isEqualTo("alice");
            assertThat(joined.path("members").get(0).path("user").asBoolean()).isTrue();
        }
        assertThatThrownBy(() -> ChatClient.connect(uri, ChatClient.HTTP.newWebSocketBuilder()))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void ticketNeedsValidCredentials() throws Exception {
        HttpResponse<String> response = ChatClient.HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/relay/ticket"))
                .header("Authorization", basic("alice", "wrong"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    void basicCredentialsOnTheUpgradeJoinUnderTheAccountName() {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/chat");
        try (ChatClient alice = ChatClient.connect(uri, ChatClient.HTTP.newWebSocketBuilder()
                .header("Authorization", basic("alice", "secret")))) {
            assertThat(alice.join("basic", "ignored").path("nick").asString()).isEqualTo("alice");
        }
    }

    @Test
    void anAnonymousClientCannotTakeAnAccountName() {
        try (ChatClient client = ChatClient.connect(port)) {
            client.send("{\"type\":\"join\",\"room\":\"reserved\",\"nick\":\"Alice\"}");
            assertThat(client.next("error").path("code").asString()).isEqualTo("nick-reserved");
        }
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void framesBytesMessagesAndConnectionsAreMeteredUnderTheSharedNames() throws InterruptedException {
        try (ChatClient client = ChatClient.connect(port)) {
            client.join("metered", "meter");
            double requests = meters.get("statelab.requests").tag("api", "relay").counter().count();
            double in = meters.get("statelab.bytes").tags("api", "relay", "direction", "in").counter().count();
            double out = meters.get("statelab.bytes").tags("api", "relay", "direction", "out").counter().count();
            double messages = meters.get("statelab.relay.messages").counter().count();
            String frame = "{\"type\":\"send\",\"text\":\"counted\"}";
            client.send(frame).next("message");

            assertThat(meters.get("statelab.requests").tag("api", "relay").counter().count()).isEqualTo(requests + 1);
            assertThat(meters.get("statelab.bytes").tags("api", "relay", "direction", "in").counter().count())
                    .isEqualTo(in + frame.length());
            // counted once the write returns, which may be just after the client has the frame
            for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline
                    && meters.get("statelab.bytes").tags("api", "relay", "direction", "out").counter().count() <= out; ) {
                Thread.sleep(5);
            }
            assertThat(meters.get("statelab.bytes").tags("api", "relay", "direction", "out").counter().count())
                    .isGreaterThan(out);
            assertThat(meters.get("statelab.relay.messages").counter().count()).isEqualTo(messages + 1);
            assertThat(meters.get("statelab.relay.connections").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("statelab.relay.rooms").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("statelab.requests").tag("api", "relay").counter().getId().getTags())
                    .extracting(Tag::getKey).containsExactly("api");
            assertThat(meters.get("statelab.bytes").tags("api", "relay", "direction", "in").counter().getId().getTags())
                    .extracting(Tag::getKey).containsExactlyInAnyOrder("api", "direction");
        }
    }
}
