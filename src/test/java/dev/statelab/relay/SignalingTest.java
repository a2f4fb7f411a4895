package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Signaling through a real port: addressed to one member of the sender's room, never stored, limited. */
@TestPropertySource(properties = {"statelab.relay.signal-burst=3", "statelab.relay.signals-per-second=1"})
class SignalingTest extends RelayTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void aSignalReachesOnlyTheAddressedMemberOfTheSendersRoom() {
        try (ChatClient ana = ChatClient.connect(port); ChatClient bo = ChatClient.connect(port);
             ChatClient cy = ChatClient.connect(port); ChatClient otherBo = ChatClient.connect(port)) {
            ana.join("sig", "ana");
            bo.join("sig", "bo");
            cy.join("sig", "cy");
            otherBo.join("sig-elsewhere", "bo");

            ana.send("{\"type\":\"signal\",\"to\":\"bo\",\"data\":{\"sdp\":\"v=0\\r\\n\",\"kind\":\"offer\",\"n\":[1,2]}}");
            JsonNode signal = bo.next("signal");
            assertThat(signal.path("room").asString()).isEqualTo("sig");
            assertThat(signal.path("from").asString()).isEqualTo("ana");
            assertThat(signal.path("data").path("sdp").asString()).isEqualTo("v=0\r\n");
            assertThat(signal.path("data").path("kind").asString()).isEqualTo("offer");
            assertThat(signal.path("data").path("n").size()).isEqualTo(2);
            assertThat(signal.has("seq")).isFalse();

            // what a room or a connection was handed before these later frames would have reached them first
            ana.send("{\"type\":\"send\",\"text\":\"after the signal\"}");
            assertThat(cy.next("message").path("seq").asLong()).isEqualTo(1);
            assertThat(otherBo.send("{\"type\":\"ping\"}").next("pong")).isNotNull();
            assertThat(ana.send("{\"type\":\"ping\"}").next("pong")).isNotNull();
            assertThat(cy.all).noneMatch(frame -> frame.path("type").asString().equals("signal"));
            assertThat(otherBo.all).noneMatch(frame -> frame.path("type").asString().equals("signal"));
            assertThat(ana.all).noneMatch(frame -> frame.path("type").asString().equals("signal"));

            try (ChatClient late = ChatClient.connect(port)) {
                JsonNode history = late.join("sig", "late").path("history");
                assertThat(history.findValuesAsString("text")).containsExactly("after the signal");
                assertThat(history.toString()).doesNotContain("offer");
            }
        }
    }

    @Test
    void theReceiverIsFoundByNicknameWithoutRegardToCaseAndCanAnswer() {
        try (ChatClient ana = ChatClient.connect(port); ChatClient bo = ChatClient.connect(port)) {
            ana.join("sig-case", "Ana");
            bo.join("sig-case", "bo");
            ana.send("{\"type\":\"signal\",\"to\":\"BO\",\"data\":{\"x\":1}}");
            assertThat(bo.next("signal").path("from").asString()).isEqualTo("Ana");
            bo.send("{\"type\":\"signal\",\"to\":\"ana\",\"data\":{\"answer\":true}}");
            JsonNode answer = ana.next("signal");
            assertThat(answer.path("from").asString()).isEqualTo("bo");
            assertThat(answer.path("data").path("answer").asBoolean()).isTrue();
        }
    }

    @Test
    void joinedAndPresenceFramesNameEachMemberWithNickAndAddress() {
        try (ChatClient ana = ChatClient.connect(port); ChatClient bo = ChatClient.connect(port)) {
            ana.join("sig-members", "ana");
            JsonNode members = bo.join("sig-members", "bo").path("members");
            assertThat(members.findValuesAsString("nick")).containsExactly("ana", "bo");
            members.forEach(m -> assertThat(m.path("address").asString()).matches("127\\.0\\.0\\.1:\\d{1,5}"));
            JsonNode came = ana.next("presence").path("members").get(0);
            assertThat(came.path("nick").asString()).isEqualTo("bo");
            assertThat(came.path("address").asString()).matches("127\\.0\\.0\\.1:\\d{1,5}");
        }
    }

    @Test
    void aSignalBeforeJoiningGetsNotJoined() {
        try (ChatClient ana = ChatClient.connect(port)) {
            ana.send("{\"type\":\"signal\",\"to\":\"bo\",\"data\":{}}");
            assertThat(ana.next("error").path("code").asString()).isEqualTo("not-joined");
        }
    }

    @Test
    void aSignalToSomeoneOutsideTheRoomOrToOneselfGetsNoSuchMember() {
        try (ChatClient ana = ChatClient.connect(port); ChatClient bo = ChatClient.connect(port)) {
            ana.join("sig-a", "ana");
            bo.join("sig-b", "bo");
            for (String to : new String[] {"bo", "ana", "nobody"}) {
                ana.send("{\"type\":\"signal\",\"to\":\"" + to + "\",\"data\":{}}");
                assertThat(ana.next("error").path("code").asString()).as(to).isEqualTo("no-such-member");
            }
            assertThat(bo.send("{\"type\":\"ping\"}").next("pong")).isNotNull();
            assertThat(bo.all).noneMatch(frame -> frame.path("type").asString().equals("signal"));
        }
    }

    @Test
    void dataOfMoreThanSixteenKilobytesGetsSignalTooLargeAndSixteenExactlyPasses() {
        try (ChatClient ana = ChatClient.connect(port); ChatClient bo = ChatClient.connect(port)) {
            ana.join("sig-size", "ana");
            bo.join("sig-size", "bo");
            String envelope = "{\"s\":\"\"}";
            String exactly = "x".repeat(16 * 1024 - envelope.length());
            ana.send("{\"type\":\"signal\",\"to\":\"bo\",\"data\":{\"s\":\"" + exactly + "x\"}}");
            assertThat(ana.next("error").path("code").asString()).isEqualTo("signal-too-large");
            ana.send("{\"type\":\"signal\",\"to\":\"bo\",\"data\":{\"s\":\"" + exactly + "\"}}");
            assertThat(bo.next("signal").path("data").path("s").asString()).hasSize(exactly.length());
        }
    }

    @Test
    void dataThatIsNotAnObjectOrAMissingReceiverGetsSignalInvalid() {
        try (ChatClient ana = ChatClient.connect(port); ChatClient bo = ChatClient.connect(port)) {
            ana.join("sig-shape", "ana");
            bo.join("sig-shape", "bo");
            for (String frame : new String[] {"{\"type\":\"signal\",\"to\":\"bo\",\"data\":\"text\"}",
                    "{\"type\":\"signal\",\"to\":\"bo\",\"data\":[1]}", "{\"type\":\"signal\",\"to\":\"bo\",\"data\":null}",
                    "{\"type\":\"signal\",\"to\":\"bo\"}", "{\"type\":\"signal\",\"data\":{}}"}) {
                ana.send(frame);
                assertThat(ana.next("error").path("code").asString()).as(frame).isEqualTo("signal-invalid");
            }
        }
    }

    @Test
    void signalingFasterThanItsLimitGetsRateLimitedAndTheConnectionStaysOpen() {
        try (ChatClient ana = ChatClient.connect(port); ChatClient bo = ChatClient.connect(port)) {
            ana.join("sig-rate", "ana");
            bo.join("sig-rate", "bo");
            for (int i = 0; i < 10; i++) {
                ana.send("{\"type\":\"signal\",\"to\":\"bo\",\"data\":{\"i\":" + i + "}}");
            }
            assertThat(ana.next("error").path("code").asString()).isEqualTo("rate-limited");
            assertThat(ana.send("{\"type\":\"ping\"}").next("pong")).isNotNull();
            assertThat(ana.closeCode).isNotDone();
            ana.send("{\"type\":\"send\",\"text\":\"still here\"}");
            assertThat(bo.next("message").path("text").asString()).isEqualTo("still here");
            long delivered = bo.all.stream().filter(f -> f.path("type").asString().equals("signal")).count();
            assertThat(delivered).isBetween(3L, 9L);
        }
    }

    @Test
    void deliveredSignalsAreCountedButNotAsChatMessages() {
        try (ChatClient ana = ChatClient.connect(port); ChatClient bo = ChatClient.connect(port)) {
            ana.join("sig-metric", "ana");
            bo.join("sig-metric", "bo");
            double signals = meters.get("statelab.relay.signals").counter().count();
            double messages = meters.get("statelab.relay.messages").counter().count();
            ana.send("{\"type\":\"signal\",\"to\":\"bo\",\"data\":{}}");
            bo.next("signal");
            ana.send("{\"type\":\"signal\",\"to\":\"nobody\",\"data\":{}}");
            ana.next("error");
            assertThat(meters.get("statelab.relay.signals").counter().count()).isEqualTo(signals + 1);
            assertThat(meters.get("statelab.relay.messages").counter().count()).isEqualTo(messages);
        }
    }
}
