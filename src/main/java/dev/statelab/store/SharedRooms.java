package dev.statelab.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Chat rooms kept in a store every instance shares: each room's epoch and sequence counter, its recent
 * history and who is present, plus a channel that carries events to every instance. Entries are JSON
 * text the caller makes; the store only keeps, orders and hands them on.
 *
 * @throws StoreUnavailableException from any call when the store does not answer
 */
public interface SharedRooms {

    /** This instance's id, kept with the members it holds. */
    String instance();

    boolean exists(String room);

    /**
     * Seats a member under {@code nickKey} unless that key is taken (by a member whose presence has not
     * expired) or the room holds {@code maxMembers}; expired members are removed on the way.
     *
     * @param newEpoch the room's epoch if it has none (a new room, or a store that lost it)
     */
    Seated seat(String room, String nickKey, String member, int maxMembers, String newEpoch);

    /**
     * Gives the entry the room's next sequence number and the room's epoch (as {@code seq} and
     * {@code epoch} fields of the JSON object), appends it to the history and sends it on the channel, all
     * in one step.
     *
     * @return the entry as kept, with {@code seq} and {@code epoch}
     */
    String append(String room, String entry, String newEpoch);

    /** Removes the member, if {@code nickKey} still holds exactly it; true when it did. */
    boolean unseat(String room, String nickKey, String member);

    /**
     * Extends the presence of this instance's members (nick key to member), seating them again if the
     * store lost them; and removes members whose presence expired.
     *
     * @return the members removed as expired
     */
    List<String> refresh(String room, Map<String, String> members);

    /** The member under that key, or null. */
    @Nullable String member(String room, String nickKey);

    /** Sends an event to every instance (including this one). */
    void broadcast(String event);

    /** True while this instance receives the channel; a member seated before would miss events. */
    boolean listening();

    /** Receives every event of the channel, in the order the store sent them. */
    void listen(Consumer<String> events);

    /** What {@link #seat} found. */
    record Seated(Outcome outcome, List<String> expired, String epoch, long seq, List<String> history,
                  List<String> members) {
    }

    enum Outcome { SEATED, NICK_TAKEN, FULL }

    /** How long a member stays present without a refresh, and a room's keys without any activity. */
    record Lifetimes(Duration presence, Duration room) {
    }
}
