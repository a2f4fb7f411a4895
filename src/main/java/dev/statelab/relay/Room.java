package dev.statelab.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One room: members, the recent history and the sequence counter. Not thread-safe; {@link InMemoryRelay}
 * locks a room while it works on it.
 */
final class Room {

    private record Seat(Member member, Relay.Subscriber subscriber) {
    }

    final String name;
    final String epoch;
    private final int historySize;
    private final ArrayDeque<RoomEvent.Message> history;
    private final Map<String, Seat> seats = new LinkedHashMap<>();
    private final Map<String, String> idsByNick = new HashMap<>();
    private long seq;
    private long emptySince;
    // read without the lock when the relay looks for the largest history to trim
    private volatile long historyBytes;
    boolean removed;

    Room(String name, String epoch, int historySize, long now) {
        this.name = name;
        this.epoch = epoch;
        this.historySize = historySize;
        this.history = new ArrayDeque<>(Math.min(historySize, 128));
        this.emptySince = now;
    }

    int size() {
        return seats.size();
    }

    boolean hasNick(String nick) {
        return idsByNick.containsKey(nick.toLowerCase(Locale.ROOT));
    }

    void add(Member member, Relay.Subscriber subscriber) {
        seats.put(member.id(), new Seat(member, subscriber));
        idsByNick.put(member.nick().toLowerCase(Locale.ROOT), member.id());
    }

    @Nullable Member remove(String id, long now) {
        Seat seat = seats.remove(id);
        if (seat == null) {
            return null;
        }
        idsByNick.remove(seat.member().nick().toLowerCase(Locale.ROOT));
        if (seats.isEmpty()) {
            emptySince = now;
        }
        return seat.member();
    }

    /** Who sits under that nickname, or null when nobody does or it is {@code exceptId} itself. */
    Relay.@Nullable Subscriber subscriberOf(String nick, String exceptId) {
        String id = idsByNick.get(nick.toLowerCase(Locale.ROOT));
        Seat seat = id == null || id.equals(exceptId) ? null : seats.get(id);
        return seat == null ? null : seat.subscriber();
    }

    @Nullable Member member(String id) {
        Seat seat = seats.get(id);
        return seat == null ? null : seat.member();
    }

    boolean emptyLongerThan(long nanos, long now) {
        return seats.isEmpty() && now - emptySince > nanos;
    }

    /** Since when the room has been empty (a {@link System#nanoTime} value); meaningless while occupied. */
    long emptySince() {
        return emptySince;
    }

    /** No members and nothing in the history: nothing anyone could come back for. */
    boolean idle() {
        return seats.isEmpty() && history.isEmpty();
    }

    long historyBytes() {
        return historyBytes;
    }

    /** Drops the oldest message of the history; the bytes it freed. */
    long dropOldest() {
        RoomEvent.Message oldest = history.pollFirst();
        if (oldest == null) {
            return 0;
        }
        historyBytes -= weight(oldest);
        return weight(oldest);
    }

    /**
     * What a message in the history costs, roughly, in heap: the record, its timestamp string and the
     * text at two bytes per character (the nick and room strings are shared with the member and room).
     */
    static long weight(RoomEvent.Message message) {
        return 128 + 2L * message.text().length();
    }

    List<Member.MemberView> members() {
        List<Member.MemberView> views = new ArrayList<>(seats.size());
        seats.values().forEach(seat -> views.add(seat.member().view()));
        return views;
    }

    RoomEvent.Message append(Member from, String text, String ts) {
        RoomEvent.Message message = new RoomEvent.Message(name, ++seq, ts, from.nick(), from.user(), text);
        if (history.size() == historySize) {
            dropOldest();
        }
        history.addLast(message);
        historyBytes += weight(message);
        return message;
    }

    /** The messages after {@code since}, or null when they can no longer all be served. */
    @Nullable List<RoomEvent.Message> after(Relay.Position since) {
        if (!since.epoch().equals(epoch) || since.seq() > seq || since.seq() < 0) {
            return null;
        }
        long oldest = history.isEmpty() ? seq + 1 : history.peekFirst().seq();
        if (since.seq() + 1 < oldest) {
            return null;
        }
        List<RoomEvent.Message> missed = new ArrayList<>();
        for (RoomEvent.Message message : history) {
            if (message.seq() > since.seq()) {
                missed.add(message);
            }
        }
        return missed;
    }

    List<RoomEvent.Message> history() {
        return List.copyOf(history);
    }

    /** Hands an event to every member except {@code exceptId}. */
    void broadcast(RoomEvent event, @Nullable String exceptId) {
        for (Seat seat : seats.values()) {
            if (!seat.member().id().equals(exceptId)) {
                seat.subscriber().deliver(event);
            }
        }
    }
}
