package dev.statelab.relay;

import org.jspecify.annotations.Nullable;

/**
 * Rooms, their members, history and fan-out: all relay state sits behind this interface, so that a
 * shared broker (Redis streams, for instance) can carry it across instances later without the protocol
 * code changing. {@link InMemoryRelay} keeps it in this process.
 *
 * <p>Calls to a {@link Subscriber} happen while the room is locked, in sequence order; a subscriber
 * must only queue what it receives, never block on a network write.
 */
public interface Relay {

    /**
     * Adds a member to a room, creating the room if needed.
     *
     * @param since  the last sequence number and epoch the member saw, to recover what it missed; or null
     * @param create asked once, and only when the join would create the room, whether the joiner may
     * @throws RelayException {@code nick-taken}, {@code room-full}, {@code too-many-rooms}, or
     *                        {@code too-many-new-rooms} when {@code create} said no
     */
    Joined join(String room, Member member, @Nullable Position since, Subscriber subscriber, NewRoomPermit create);

    /** Removes a member; the others see a {@code leave} presence event. Unknown members are ignored. */
    void leave(String room, String memberId);

    /**
     * Gives the text the room's next sequence number, keeps it in the history and hands it to every member.
     *
     * @throws RelayException {@code not-joined} when the member is not in the room
     */
    RoomEvent.Message publish(String room, String memberId, String text);

    /**
     * Hands a signaling message to one other member of the sender's room, and to nobody else. Nothing is
     * kept: no history, no sequence number.
     *
     * @param toNick the receiver's nickname (compared as nicknames are: without regard to case)
     * @param data   a JSON object as JSON text, passed on untouched
     * @throws RelayException {@code not-joined} when the sender is not in the room, {@code no-such-member}
     *                        when no other member of the room has that nickname
     */
    void signal(String room, String memberId, String toNick, String data);

    /** Rooms that exist now (with members, or empty but still keeping their history). */
    int rooms();

    /** What the histories of all rooms hold together, estimated in bytes of heap. */
    long historyBytes();

    /** Drops rooms that have been empty for longer than they keep their history. */
    void sweep();

    /** Decides whether a join may create a new room (a quota per joiner, say). */
    interface NewRoomPermit {
        NewRoomPermit ALWAYS = () -> true;

        boolean tryCreate();
    }

    /** Receives a room's events for one member. */
    interface Subscriber {
        void deliver(RoomEvent event);
    }

    /** A point in a room's history: the last sequence number seen in that epoch. */
    record Position(long seq, String epoch) {
    }
}
