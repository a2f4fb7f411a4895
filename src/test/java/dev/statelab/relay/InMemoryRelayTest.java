package dev.statelab.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The in-memory relay's rules on their own: limits, the history window, epochs and forgetting rooms. */
class InMemoryRelayTest {

    private final List<RoomEvent> received = new ArrayList<>();
    private final Relay.Subscriber collect = received::add;

    @Test
    void aRoomTakesNoMoreThanItsMemberLimit() {
        Relay relay = new InMemoryRelay(limits("max-members-per-room", "2"));
        relay.join("r", member("1", "a"), null, collect, Relay.NewRoomPermit.ALWAYS);
        relay.join("r", member("2", "b"), null, collect, Relay.NewRoomPermit.ALWAYS);
        assertThatThrownBy(() -> relay.join("r", member("3", "c"), null, collect, Relay.NewRoomPermit.ALWAYS))
                .isInstanceOf(RelayException.class).extracting("code").isEqualTo("room-full");
    }

    @Test
    void theRelayTakesNoMoreThanItsRoomLimit() {
        Relay relay = new InMemoryRelay(limits("max-rooms", "2"));
        relay.join("r1", member("1", "a"), null, collect, Relay.NewRoomPermit.ALWAYS);
        relay.join("r2", member("2", "a"), null, collect, Relay.NewRoomPermit.ALWAYS);
        assertThatThrownBy(() -> relay.join("r3", member("3", "a"), null, collect, Relay.NewRoomPermit.ALWAYS))
                .isInstanceOf(RelayException.class).extracting("code").isEqualTo("too-many-rooms");
        assertThat(relay.rooms()).isEqualTo(2);
    }

    @Test
    void recoveryFromBeforeTheHistoryWindowIsRefused() {
        Relay relay = new InMemoryRelay(limits("history-size", "5"));
        String epoch = relay.join("r", member("1", "a"), null, collect, Relay.NewRoomPermit.ALWAYS).epoch();
        for (int i = 1; i <= 8; i++) {
            relay.publish("r", "1", "m" + i);
        }
        Joined inWindow = relay.join("r", member("2", "b"), new Relay.Position(3, epoch), collect, Relay.NewRoomPermit.ALWAYS);
        assertThat(inWindow.recovered()).isTrue();
        assertThat(inWindow.history()).extracting(RoomEvent.Message::seq).containsExactly(4L, 5L, 6L, 7L, 8L);

        Joined tooOld = relay.join("r", member("3", "c"), new Relay.Position(2, epoch), collect, Relay.NewRoomPermit.ALWAYS);
        assertThat(tooOld.recovered()).isFalse();
        assertThat(tooOld.history()).extracting(RoomEvent.Message::seq).containsExactly(4L, 5L, 6L, 7L, 8L);

        Joined upToDate = relay.join("r", member("4", "d"), new Relay.Position(8, epoch), collect, Relay.NewRoomPermit.ALWAYS);
        assertThat(upToDate.recovered()).isTrue();
        assertThat(upToDate.history()).isEmpty();

        Joined fromTheFuture = relay.join("r", member("5", "e"), new Relay.Position(9, epoch), collect, Relay.NewRoomPermit.ALWAYS);
        assertThat(fromTheFuture.recovered()).isFalse();
    }

    @Test
    void aForgottenRoomComesBackWithANewEpochAndNoHistory() {
        Relay relay = new InMemoryRelay(limits("empty-room-ttl", "0s"));
        String epoch = relay.join("r", member("1", "a"), null, collect, Relay.NewRoomPermit.ALWAYS).epoch();
        relay.publish("r", "1", "hello");
        relay.leave("r", "1");
        relay.sweep();
        assertThat(relay.rooms()).isZero();

        Joined again = relay.join("r", member("1", "a"), new Relay.Position(1, epoch), collect, Relay.NewRoomPermit.ALWAYS);
        assertThat(again.epoch()).isNotEqualTo(epoch);
        assertThat(again.recovered()).isFalse();
        assertThat(again.history()).isEmpty();
    }

    @Test
    void anOccupiedRoomIsNeverSwept() {
        Relay relay = new InMemoryRelay(limits("empty-room-ttl", "0s"));
        relay.join("r", member("1", "a"), null, collect, Relay.NewRoomPermit.ALWAYS);
        relay.sweep();
        assertThat(relay.rooms()).isEqualTo(1);
        assertThat(relay.publish("r", "1", "still here").seq()).isEqualTo(1);
    }

    @Test
    void theJoinedEventReachesTheJoinerBeforeAnythingElse() {
        Relay relay = new InMemoryRelay(limits("history-size", "100"));
        relay.join("r", member("1", "a"), null, collect, Relay.NewRoomPermit.ALWAYS);
        relay.publish("r", "1", "x");
        assertThat(received).hasSize(2);
        assertThat(received.get(0)).isInstanceOf(Joined.class);
        assertThat(received.get(1)).isInstanceOf(RoomEvent.Message.class);
    }

    @Test
    void aJoinAsksForPermissionOnlyWhenItWouldCreateTheRoom() {
        Relay relay = new InMemoryRelay(limits("history-size", "100"));
        int[] asked = {0};
        Relay.NewRoomPermit countAndAllow = () -> ++asked[0] > 0;
        relay.join("r", member("1", "a"), null, collect, countAndAllow);
        relay.join("r", member("2", "b"), null, collect, countAndAllow);
        assertThat(asked[0]).isEqualTo(1);
        assertThatThrownBy(() -> relay.join("s", member("3", "c"), null, collect, () -> false))
                .isInstanceOf(RelayException.class).extracting("code").isEqualTo("too-many-new-rooms");
        assertThat(relay.rooms()).isEqualTo(1);
    }

    @Test
    void aRoomIsDroppedWhenItsLastMemberLeavesUnlessItHasHistory() {
        Relay relay = new InMemoryRelay(limits("history-size", "100"));
        relay.join("quiet", member("1", "a"), null, collect, Relay.NewRoomPermit.ALWAYS);
        relay.join("talked", member("2", "b"), null, collect, Relay.NewRoomPermit.ALWAYS);
        relay.publish("talked", "2", "hello");
        relay.leave("quiet", "1");
        relay.leave("talked", "2");
        assertThat(relay.rooms()).isEqualTo(1);
        assertThat(relay.historyBytes()).isEqualTo(128 + 2 * "hello".length());
    }

    private static Member member(String id, String nick) {
        return new Member(id, nick, "127.0.0.1:" + (40000 + Integer.parseInt(id)), false);
    }

    private static RelayProperties limits(String name, String value) {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of("statelab.relay." + name, value)))
                .bindOrCreate("statelab.relay", Bindable.of(RelayProperties.class));
    }

}
