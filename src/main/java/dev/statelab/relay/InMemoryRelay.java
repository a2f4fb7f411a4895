package dev.statelab.relay;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The relay in this process's memory: history and epochs last as long as the process (a restart gives
 * every room a new epoch, so clients learn that they may have missed messages).
 *
 * <p>What it holds is bounded: rooms by {@code max-rooms} (when full, the room empty for longest gives
 * way), an empty room with no history is dropped at once, and all histories together by
 * {@code max-history-bytes} (the oldest messages of the largest history go first). A room that lost
 * history serves no recovery from before the loss, so its members see {@code recovered:false}.
 */
public class InMemoryRelay implements Relay {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final HistoryBudget history;
    private final RelayProperties limits;

    public InMemoryRelay(RelayProperties limits) {
        this.limits = limits;
        this.history = new HistoryBudget(limits.maxHistoryBytes().toBytes());
    }

    @Override
    public Joined join(String name, Member member, @Nullable Position since, Subscriber subscriber,
                       NewRoomPermit create) {
        while (true) {
            Room room = roomFor(name, create);
            synchronized (room) {
                if (room.removed) {
                    continue; // dropped between lookup and lock: take the new one
                }
                try {
                    return join(room, member, since, subscriber);
                } catch (RelayException e) {
                    dropIfIdle(room); // a room made for a join that failed
                    throw e;
                }
            }
        }
    }

    private Joined join(Room room, Member member, @Nullable Position since, Subscriber subscriber) {
        if (room.hasNick(member.nick())) {
            throw new RelayException("nick-taken", "Someone in this room already uses that nickname.");
        }
        if (room.size() >= limits.maxMembersPerRoom()) {
            throw new RelayException("room-full", "This room is full.");
        }
        List<RoomEvent.Message> missed = since == null ? null : room.after(since);
        room.add(member, subscriber);
        Joined joined = new Joined(room.name, member.nick(), room.epoch, room.members(),
                missed == null ? room.history() : missed, missed != null);
        subscriber.deliver(joined);
        room.broadcast(new RoomEvent.Presence(room.name, "join", member.nick(), List.of(member.view())), member.id());
        return joined;
    }

    @Override
    public void leave(String name, String memberId) {
        Room room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) {
            Member gone = room.remove(memberId, System.nanoTime());
            if (gone != null) {
                room.broadcast(new RoomEvent.Presence(name, "leave", gone.nick(), List.of(gone.view())), null);
                dropIfIdle(room);
            }
        }
    }

    @Override
    public RoomEvent.Message publish(String name, String memberId, String text) {
        Room room = rooms.get(name);
        if (room == null) {
            throw notJoined();
        }
        RoomEvent.Message message;
        synchronized (room) {
            Member from = room.member(memberId);
            if (from == null) {
                throw notJoined();
            }
            long before = room.historyBytes();
            message = room.append(from, text, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            history.add(room.historyBytes() - before);
            room.broadcast(message, null);
        }
        history.trimIfOver(rooms.values(), this::dropIfIdle); // outside the room's lock: trimming locks rooms one at a time
        return message;
    }

    @Override
    public void signal(String name, String memberId, String toNick, String data) {
        Room room = rooms.get(name);
        if (room == null) {
            throw notJoined();
        }
        synchronized (room) {
            Member from = room.member(memberId);
            if (from == null) {
                throw notJoined();
            }
            Subscriber to = room.subscriberOf(toNick, memberId);
            if (to == null) {
                throw new RelayException("no-such-member", "No other member of this room has that nickname.");
            }
            to.deliver(new RoomEvent.Signal(name, from.nick(), data));
        }
    }

    @Override
    public int rooms() {
        return rooms.size();
    }

    @Override
    public long historyBytes() {
        return history.total();
    }

    @Override
    public void sweep() {
        long now = System.nanoTime();
        long ttl = limits.emptyRoomTtl().toNanos();
        rooms.values().removeIf(room -> {
            synchronized (room) {
                if (room.emptyLongerThan(ttl, now)) {
                    discard(room);
                }
                return room.removed;
            }
        });
    }

    private Room roomFor(String name, NewRoomPermit create) {
        Room existing = rooms.get(name);
        if (existing != null) {
            return existing;
        }
        if (rooms.size() >= limits.maxRooms()) {
            makeSpace();
        }
        return rooms.compute(name, (key, room) -> {
            if (room != null) {
                return room;
            }
            if (rooms.size() >= limits.maxRooms()) {
                throw new RelayException("too-many-rooms", "The relay has as many rooms as it may; join an existing one.");
            }
            if (!create.tryCreate()) {
                throw new RelayException("too-many-new-rooms",
                        "You have opened as many new rooms as allowed for now; join an existing one or try later.");
            }
            return new Room(key, newEpoch(), limits.historySize(), System.nanoTime());
        });
    }

    /** The relay is full: forget rooms empty beyond their time, else the one that has been empty longest. */
    private void makeSpace() {
        sweep();
        if (rooms.size() < limits.maxRooms()) {
            return;
        }
        Room longestEmpty = null;
        long since = 0;
        for (Room room : rooms.values()) {
            synchronized (room) {
                if (room.size() == 0 && (longestEmpty == null || room.emptySince() - since < 0)) {
                    longestEmpty = room;
                    since = room.emptySince();
                }
            }
        }
        if (longestEmpty != null) {
            synchronized (longestEmpty) {
                if (!longestEmpty.removed && longestEmpty.size() == 0) {
                    discard(longestEmpty);
                    rooms.remove(longestEmpty.name, longestEmpty);
                }
            }
        }
    }

    /** Forgets a room nobody is in and that has nothing to recover; the room is locked. */
    private void dropIfIdle(Room room) {
        if (!room.removed && room.idle()) {
            discard(room);
            rooms.remove(room.name, room);
        }
    }

    /** Marks a room gone and takes its history off the total; the room is locked. */
    private void discard(Room room) {
        room.removed = true;
        history.add(-room.historyBytes());
    }

    private static String newEpoch() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RelayException notJoined() {
        return new RelayException("not-joined", "Join a room before sending.");
    }
}
