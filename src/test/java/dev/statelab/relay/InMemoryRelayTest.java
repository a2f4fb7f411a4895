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
        relay.join("r", member("1", "a"), null, collect);
        relay.join("r", member("2", "b"), null, collect);
        assertThatThrownBy(() -> relay.join("r", member("3", "c"), null, collect))
                .isInstanceOf(RelayException.class).extracting("code").isEqualTo("room-full");
    }

    @Test
    void theRelayTakesNoMoreThanItsRoomLimit() {
        Relay relay = new InMemoryRelay(limits("max-rooms", "2"));
        relay.join("r1", member("1", "a"), null, collect);
        relay.join("r2", member("2", "a"), null, collect);
        assertThatThrownBy(() -> relay.join("r3", member("3", "a"), null, collect))
                .isInstanceOf(RelayException.class).extracting("code").isEqualTo("too-many-rooms");
        assertThat(relay.rooms()).isEqualTo(2);
    }

    @Test
    void recoveryFromBeforeTheHistoryWindowIsRefused() {
        Relay relay = new InMemoryRelay(limits("history-size", "5"));
        String epoch = relay.join("r", member("1", "a"), null, collect).epoch();
        for (int i = 1; i <= 8; i++) {
            relay.publish("r", "1", "m" + i);
        }
        Joined inWindow = relay.join("r", member("2", "b"), new Relay.Position(3, epoch), collect);
        assertThat(inWindow.recovered()).isTrue();
        assertThat(inWindow.history()).extracting(RoomEvent.Message::seq).containsExactly(4L, 5L, 6L, 7L, 8L);

        Joined tooOld = relay.join("r", member("3", "c"), new Relay.Position(2, epoch), collect);
        assertThat(tooOld.recovered()).isFalse();
        assertThat(tooOld.history()).extracting(RoomEvent.Message::seq).containsExactly(4L, 5L, 6L, 7L, 8L);

        Joined upToDate = relay.join("r", member("4", "d"), new Relay.Position(8, epoch), collect);
        assertThat(upToDate.recovered()).isTrue();
        assertThat(upToDate.history()).isEmpty();

        Joined fromTheFuture = relay.join("r", member("5", "e"), new Relay.Position(9, epoch), collect);
        assertThat(fromTheFuture.recovered()).isFalse();
    }

    @Test
    void aForgottenRoomComesBackWithANewEpochAndNoHistory() {
        Relay relay = new InMemoryRelay(limits("empty-room-ttl", "0s"));
        String epoch = relay.join("r", member("1", "a"), null, collect).epoch();
        relay.publish("r", "1", "hello");
        relay.leave("r", "1");
        relay.sweep();
        assertThat(relay.rooms()).isZero();

        Joined again = relay.join("r", member("1", "a"), new Relay.Position(1, epoch), collect);
        assertThat(again.epoch()).isNotEqualTo(epoch);
        assertThat(again.recovered()).isFalse();
        assertThat(again.history()).isEmpty();
    }

    @Test
    void anOccupiedRoomIsNeverSwept() {
        Relay relay = new InMemoryRelay(limits("empty-room-ttl", "0s"));
        relay.join("r", member("1", "a"), null, collect);
        relay.sweep();
        assertThat(relay.rooms()).isEqualTo(1);
        assertThat(relay.publish("r", "1", "still here").seq()).isEqualTo(1);
    }

    @Test
    void theJoinedEventReachesTheJoinerBeforeAnythingElse() {
        Relay relay = new InMemoryRelay(limits("history-size", "100"));
        relay.join("r", member("1", "a"), null, collect);
        relay.publish("r", "1", "x");
        assertThat(received).hasSize(2);
        assertThat(received.get(0)).isInstanceOf(Joined.class);
        assertThat(received.get(1)).isInstanceOf(RoomEvent.Message.class);
    }

    private static Member member(String id, String nick) {
        return new Member(id, nick, "127.0.0.1:" + (40000 + Integer.parseInt(id)), false);
    }

    private static RelayProperties limits(String name, String value) {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of("statelab.relay." + name, value)))
                .bindOrCreate("statelab.relay", Bindable.of(RelayProperties.class));
    }

}
