package dev.statelab.relay;

import java.util.List;

/** What a room hands to its members. */
public sealed interface RoomEvent permits RoomEvent.Message, RoomEvent.Presence, Joined {

    String room();

    /** A chat message with its place in the room's history. */
    record Message(String room, long seq, String ts, String nick, boolean user, String text) implements RoomEvent {
    }

    /** A member came or went; {@code members} holds the member(s) the event is about. */
    record Presence(String room, String event, String nick, List<Member.MemberView> members) implements RoomEvent {
    }
}
