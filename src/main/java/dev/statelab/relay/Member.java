package dev.statelab.relay;

/**
 * One connection's place in a room.
 *
 * @param id      the connection's id, unique in this process
 * @param nick    unique within the room
 * @param address the remote IP and port of the connection's socket
 * @param user    true when the nick is a verified account name
 */
public record Member(String id, String nick, String address, boolean user) {

    /** What other members see of this one. */
    public MemberView view() {
        return new MemberView(nick, address, user);
    }

    /** A member as the protocol shows it. */
    public record MemberView(String nick, String address, boolean user) {
    }
}
