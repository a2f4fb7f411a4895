package dev.statelab.relay;

import java.util.List;

/** What a room hands to its members. */
public sealed interface RoomEvent permits RoomEvent.Message, RoomEvent.Presence, RoomEvent.Signal, Joined {

    String room();

    /** A chat message with its place in the room's history. */
    record Message(String room, long seq, String ts, String nick, boolean user, String text) implements RoomEvent {
    }

    /**
     * A signaling message for one member only, never kept in history and without a sequence number.
     *
     * @param data a JSON object, as JSON text; the relay passes it on without looking inside
     */
    record Signal(String room, String from, String data) implements RoomEvent {
    }

    /** A member came or went; {@code members} holds the member(s) the event is about. */
    record Presence(String room, String event, String nick, List<Member.MemberView> members) implements RoomEvent {
    }
}
