package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.statelab.StatelabApplication;
import dev.statelab.store.RoomStores;
import dev.statelab.store.SharedRooms;
import dev.statelab.support.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances over one Redis ({@code statelab.store=redis}): a room spans both, with one seq order,
 * one set of nicknames and one history to recover from on either; a member of an instance that stopped
 * refreshing its presence leaves; a Redis that lost its data gives the room a new epoch; and with Redis
 * gone, new joins are refused while connections already in a room stay open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRelayTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path root = Files.createTempDirectory("shared-relay");
        first = start(root);
        second = start(root);
    }

    @AfterAll
    static void stopInstances() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static ConfigurableApplicationContext start(Path root) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--statelab.storage.root=" + root,
                "--statelab.relay.presence-ttl=2s", "--statelab.relay.presence-refresh=300ms",
                "--statelab.relay.messages-per-second=200", "--statelab.relay.burst=200",
                "--statelab.ftp.port=-1", "--statelab.sockets.tcp-port=-1", "--statelab.sockets.udp-port=-1",
                "--spring.main.banner-mode=off"));
        args.addAll(redis.arguments());
        return new SpringApplicationBuilder(StatelabApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    /** Joins once the instance listens to Redis (it connects in the background after start). */
    private static JsonNode join(ChatClient client, String frame) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            client.send(frame);
            JsonNode answer = client.next(f -> f.path("type").asString().matches("joined|error"), Duration.ofSeconds(10));
            if (answer.path("type").asString().equals("joined")
                    || !answer.path("code").asString().equals("relay-unavailable") || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(200);
        }
    }

    private static JsonNode join(ChatClient client, String room, String nick) throws InterruptedException {
        return join(client, "{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}");
    }

    private static JsonNode message(ChatClient client, String text) {
        return client.next(f -> f.path("type").asString().equals("message") && f.path("text").asString().equals(text),
                Duration.ofSeconds(10));
    }

    @Test
    @Order(1)
    void aRoomSpansBothInstancesWithOneSequenceOfSeqNumbers() throws Exception {
        try (ChatClient ana = ChatClient.connect(port(first)); ChatClient bo = ChatClient.connect(port(second))) {
            assertThat(join(ana, "span", "ana").path("type").asString()).isEqualTo("joined");
            JsonNode joined = join(bo, "span", "bo");
            assertThat(joined.path("type").asString()).isEqualTo("joined");
            assertThat(joined.path("members").findValuesAsString("nick")).containsExactlyInAnyOrder("ana", "bo");
            JsonNode presence = ana.next("presence");
            assertThat(presence.path("event").asString()).isEqualTo("join");
            assertThat(presence.path("nick").asString()).isEqualTo("bo");

            for (int i = 0; i < 20; i++) {
                ana.send("{\"type\":\"send\",\"text\":\"a" + i + "\"}");
                bo.send("{\"type\":\"send\",\"text\":\"b" + i + "\"}");
            }
            List<String> seenByAna = new ArrayList<>();
            List<String> seenByBo = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                JsonNode atAna = ana.next("message");
                JsonNode atBo = bo.next("message");
                assertThat(atAna.path("seq").asLong()).as("seq on the first instance").isEqualTo(i);
                assertThat(atBo.path("seq").asLong()).as("seq on the second instance").isEqualTo(i);
                seenByAna.add(atAna.path("text").asString());
                seenByBo.add(atBo.path("text").asString());
            }
            assertThat(seenByBo).isEqualTo(seenByAna);
            assertThat(seenByAna).contains("a0", "a19", "b0", "b19").doesNotHaveDuplicates();
        }
    }

    @Test
    @Order(1)
    void aNicknameTakenOnOneInstanceIsTakenOnTheOther() throws Exception {
        try (ChatClient cy = ChatClient.connect(port(first)); ChatClient other = ChatClient.connect(port(second))) {
            assertThat(join(cy, "nicks", "cy").path("type").asString()).isEqualTo("joined");
            JsonNode refused = join(other, "nicks", "CY");
            assertThat(refused.path("type").asString()).isEqualTo("error");
            assertThat(refused.path("code").asString()).isEqualTo("nick-taken");
            assertThat(join(other, "nicks", "cy2").path("type").asString()).isEqualTo("joined");
        }
    }

    @Test
    @Order(1)
    void aClientReconnectingToTheOtherInstanceRecoversExactlyWhatItMissed() throws Exception {
        String epoch;
        long seen;
        try (ChatClient speaker = ChatClient.connect(port(first))) {
            join(speaker, "recover", "speaker");
            try (ChatClient listener = ChatClient.connect(port(first))) {
                epoch = join(listener, "recover", "listener").path("epoch").asString();
                speaker.send("{\"type\":\"send\",\"text\":\"seen\"}");
                seen = message(listener, "seen").path("seq").asLong();
            }
            // the listener's nick is free for its return once its instance has seen it go
            speaker.next(f -> f.path("type").asString().equals("presence") && f.path("event").asString().equals("leave")
                    && f.path("nick").asString().equals("listener"), Duration.ofSeconds(10));
            speaker.send("{\"type\":\"send\",\"text\":\"missed one\"}");
            speaker.send("{\"type\":\"send\",\"text\":\"missed two\"}");
            message(speaker, "missed two");
            try (ChatClient back = ChatClient.connect(port(second))) {
                JsonNode joined = join(back, "{\"type\":\"join\",\"room\":\"recover\",\"nick\":\"listener\",\"since\":"
                        + seen + ",\"epoch\":\"" + epoch + "\"}");
                assertThat(joined.path("recovered").asBoolean()).isTrue();
                assertThat(joined.path("epoch").asString()).isEqualTo(epoch);
                assertThat(joined.path("history").findValuesAsString("text")).containsExactly("missed one", "missed two");
                assertThat(joined.path("history").get(0).path("seq").asLong()).isEqualTo(seen + 1);
            }
        }
    }

    @Test
    @Order(1)
    void aMemberWhoLeavesWhileItsPresenceIsBeingRefreshedIsNotSeatedAgain() throws Exception {
        SharedRooms store = first.getBean(RoomStores.class).rooms(50,
                new SharedRooms.Lifetimes(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        RefreshHeldOnItsWay held = new RefreshHeldOnItsWay(store);
        SharedRelay relay = new SharedRelay(held, first.getBean(JsonMapper.class), first.getBean(RelayProperties.class));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!store.listening() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        relay.join("race", new Member("m1", "leaver", "127.0.0.1:1", false), null, event -> { },
                Relay.NewRoomPermit.ALWAYS);

        Thread refresh = new Thread(relay::refresh);
        refresh.start();
        assertThat(held.reached.await(10, TimeUnit.SECONDS)).as("the refresh read the seat and is on its way").isTrue();
        Thread leave = new Thread(() -> relay.leave("race", "m1"));
        leave.start();
        while (leave.getState() != Thread.State.BLOCKED && leave.getState() != Thread.State.TERMINATED
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        held.release.countDown();
        refresh.join(10_000);
        leave.join(10_000);

        assertThat(leave.isAlive()).isFalse();
        assertThat(store.member("race", "leaver")).as("the member that left is not back in the store's presence").isNull();
    }

    /** The store, with a refresh held after the relay read its seats and before the store call. */
    private static final class RefreshHeldOnItsWay implements SharedRooms {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final SharedRooms store;

        RefreshHeldOnItsWay(SharedRooms store) {
            this.store = store;
        }

        @Override
        public List<String> refresh(String room, Map<String, String> members) {
            reached.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.refresh(room, members);
        }

        @Override
        public String instance() {
            return store.instance();
        }

        @Override
        public boolean exists(String room) {
            return store.exists(room);
        }

        @Override
        public Seated seat(String room, String nickKey, String member, int maxMembers, String newEpoch) {
            return store.seat(room, nickKey, member, maxMembers, newEpoch);
        }

        @Override
        public String append(String room, String entry, String newEpoch) {
            return store.append(room, entry, newEpoch);
        }

        @Override
        public boolean unseat(String room, String nickKey, String member) {
            return store.unseat(room, nickKey, member);
        }

        @Override
        public @Nullable String member(String room, String nickKey) {
            return store.member(room, nickKey);
        }

        @Override
        public void broadcast(String event) {
            store.broadcast(event);
        }

        @Override
        public boolean listening() {
            return store.listening();
        }

        @Override
        public void listen(Consumer<String> events) {
            store.listen(events);
        }
    }

    @Test
    @Order(1)
    void aSignalReachesAMemberOnTheOtherInstanceOnly() throws Exception {
        try (ChatClient caller = ChatClient.connect(port(first)); ChatClient callee = ChatClient.connect(port(second));
             ChatClient bystander = ChatClient.connect(port(first))) {
            join(caller, "calls", "caller");
            join(callee, "calls", "callee");
            join(bystander, "calls", "bystander");
            caller.send("{\"type\":\"signal\",\"to\":\"callee\",\"data\":{\"sdp\":\"offer\"}}");
            JsonNode signal = callee.next("signal");
            assertThat(signal.path("from").asString()).isEqualTo("caller");
            assertThat(signal.path("data").path("sdp").asString()).isEqualTo("offer");
            caller.send("{\"type\":\"signal\",\"to\":\"nobody\",\"data\":{}}");
            assertThat(caller.next("error").path("code").asString()).isEqualTo("no-such-member");
            bystander.send("{\"type\":\"ping\"}");
            bystander.next("pong");
            assertThat(bystander.all).noneMatch(frame -> frame.path("type").asString().equals("signal"));
        }
    }

    @Test
    @Order(2)
    void aMemberOfAnInstanceThatStoppedRefreshingLeavesPresence() throws Exception {
        SharedRelay relayOfFirst = (SharedRelay) first.getBean(Relay.class);
        try (ChatClient ghost = ChatClient.connect(port(first)); ChatClient watcher = ChatClient.connect(port(second))) {
            join(ghost, "ghosts", "ghost");
            join(watcher, "ghosts", "watcher");
            relayOfFirst.stop(); // as if the first instance had died: its members' presence is no longer refreshed
            try {
                JsonNode leave = watcher.next(f -> f.path("type").asString().equals("presence")
                        && f.path("event").asString().equals("leave"), Duration.ofSeconds(10));
                assertThat(leave.path("nick").asString()).isEqualTo("ghost");
                try (ChatClient again = ChatClient.connect(port(second))) {
                    JsonNode joined = join(again, "ghosts", "ghost");
                    assertThat(joined.path("type").asString()).isEqualTo("joined");
                    assertThat(joined.path("members").findValuesAsString("nick")).containsExactlyInAnyOrder("ghost", "watcher");
                }
            } finally {
                relayOfFirst.start();
            }
        }
    }

    @Test
    @Order(3)
    void theEpochChangesWhenRedisLosesTheHistory() throws Exception {
        String epoch;
        try (ChatClient writer = ChatClient.connect(port(first))) {
            epoch = join(writer, "lost", "writer").path("epoch").asString();
            writer.send("{\"type\":\"send\",\"text\":\"before\"}");
            message(writer, "before");
        }
        Process flush = new ProcessBuilder("redis-cli", "-p", String.valueOf(redis.port()), "FLUSHALL").start();
        assertThat(flush.waitFor()).isZero();
        String afterFlush;
        try (ChatClient back = ChatClient.connect(port(second))) {
            JsonNode joined = join(back, "{\"type\":\"join\",\"room\":\"lost\",\"nick\":\"writer\",\"since\":1,\"epoch\":\""
                    + epoch + "\"}");
            assertThat(joined.path("recovered").asBoolean()).isFalse();
            afterFlush = joined.path("epoch").asString();
            assertThat(afterFlush).isNotEqualTo(epoch);
            assertThat(joined.path("history").isEmpty()).isTrue();
        }

        redis.stop();
        redis.start();
        try (ChatClient back = ChatClient.connect(port(first))) {
            JsonNode joined = join(back, "{\"type\":\"join\",\"room\":\"lost\",\"nick\":\"writer\",\"since\":0,\"epoch\":\""
                    + afterFlush + "\"}");
            assertThat(joined.path("type").asString()).isEqualTo("joined");
            assertThat(joined.path("recovered").asBoolean()).isFalse();
            assertThat(joined.path("epoch").asString()).isNotEqualTo(afterFlush);
        }
    }

    @Test
    @Order(4)
    void withRedisStoppedNewJoinsAreRefusedAndJoinedConnectionsStayOpen() throws Exception {
        try (ChatClient inside = ChatClient.connect(port(first)); ChatClient late = ChatClient.connect(port(second))) {
            assertThat(join(inside, "outage", "inside").path("type").asString()).isEqualTo("joined");
            redis.stop();
            try {
                late.send("{\"type\":\"join\",\"room\":\"outage\",\"nick\":\"late\"}");
                JsonNode refused = late.next("error");
                assertThat(refused.path("code").asString()).isEqualTo("relay-unavailable");
                assertThat(refused.toString()).doesNotContain("Exception").doesNotContain("/work");
                inside.send("{\"type\":\"send\",\"text\":\"anyone?\"}");
                assertThat(inside.next("error").path("code").asString()).isEqualTo("relay-unavailable");
                inside.send("{\"type\":\"ping\"}");
                assertThat(inside.next("pong").path("type").asString()).isEqualTo("pong");
                assertThat(inside.closeCode).isNotDone();
                assertThat(late.closeCode).isNotDone();
            } finally {
                redis.start();
            }
        }
    }
}
