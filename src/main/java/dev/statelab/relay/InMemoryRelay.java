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
 */
public class InMemoryRelay implements Relay {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final RelayProperties limits;

    public InMemoryRelay(RelayProperties limits) {
        this.limits = limits;
    }

    @Override
    public Joined join(String name, Member member, @Nullable Position since, Subscriber subscriber) {
        while (true) {
            Room room = roomFor(name);
            synchronized (room) {
                if (room.removed) {
                    continue; // swept between lookup and lock: take the new one
                }
                if (room.hasNick(member.nick())) {
                    throw new RelayException("nick-taken", "Someone in this room already uses that nickname.");
                }
                if (room.size() >= limits.maxMembersPerRoom()) {
                    throw new RelayException("room-full", "This room is full.");
                }
                List<RoomEvent.Message> missed = since == null ? null : room.after(since);
                room.add(member, subscriber);
                Joined joined = new Joined(name, member.nick(), room.epoch, room.members(),
                        missed == null ? room.history() : missed, missed != null);
                subscriber.deliver(joined);
                room.broadcast(new RoomEvent.Presence(name, "join", member.nick(), List.of(member.view())), member.id());
                return joined;
            }
        }
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
            }
        }
    }

    @Override
    public RoomEvent.Message publish(String name, String memberId, String text) {
        Room room = rooms.get(name);
        if (room == null) {
            throw notJoined();
        }
        synchronized (room) {
            Member from = room.member(memberId);
            if (from == null) {
                throw notJoined();
            }
            RoomEvent.Message message = room.append(from, text, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            room.broadcast(message, null);
            return message;
        }
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
    public void sweep() {
        long now = System.nanoTime();
        long ttl = limits.emptyRoomTtl().toNanos();
        rooms.values().removeIf(room -> {
            synchronized (room) {
                room.removed = room.emptyLongerThan(ttl, now);
                return room.removed;
            }
        });
    }

    private Room roomFor(String name) {
        Room existing = rooms.get(name);
        if (existing != null) {
            return existing;
        }
        if (rooms.size() >= limits.maxRooms()) {
            sweep();
        }
        return rooms.compute(name, (key, room) -> {
            if (room != null) {
                return room;
            }
            if (rooms.size() >= limits.maxRooms()) {
                throw new RelayException("too-many-rooms", "The relay has as many rooms as it may; join an existing one.");
            }
            return new Room(key, newEpoch(), limits.historySize(), System.nanoTime());
        });
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
