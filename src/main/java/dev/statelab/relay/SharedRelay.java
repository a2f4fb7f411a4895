package dev.statelab.relay;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.statelab.store.SharedRooms;
import dev.statelab.store.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay over a shared store ({@code statelab.store=redis}): rooms, nicknames, presence, history,
 * seq and epoch live in the store, so a room spans every instance. Each instance keeps only its own
 * connections' seats, and learns of messages, presence changes and signals through the store's channel.
 *
 * <p>Every message, including the sender's own, reaches local members through the channel, so all
 * members everywhere see one seq order. A seat remembers the last seq it was handed, so that a message
 * that was both in a joiner's history and still on its way through the channel arrives once. Presence
 * of this instance's members is refreshed every {@code presence-refresh}; a member of an instance that
 * stopped refreshing expires after {@code presence-ttl}, and whoever notices tells the room.
 */
final class SharedRelay implements Relay, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SharedRelay.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A member as kept in the store's presence; {@code instance} says which instance holds its socket. */
    record Present(String id, String nick, String address, boolean user, String instance) {
        Member.MemberView view() {
            return new Member.MemberView(nick, address, user);
        }
    }

    record MessageEntry(String kind, String room, String ts, String nick, boolean user, String text) {
    }

    record PresenceEvent(String kind, String room, String event, Present member, @Nullable String except) {
    }

    record SignalEvent(String kind, String room, String from, String to, String data) {
    }

    private static final class Seat {
        final Member member;
        final Subscriber subscriber;
        final String present;
        String epoch = "";
        long seq;

        Seat(Member member, Subscriber subscriber, String present) {
            this.member = member;
            this.subscriber = subscriber;
            this.present = present;
        }
    }

    private static final class LocalRoom {
        final Map<String, Seat> seats = new LinkedHashMap<>();
        boolean removed;
        /**
         * Held around a refresh's store call and a leave's unseat, so that a refresh that read the seats
         * just before a member left cannot seat it again in the store after it was removed there. Taken
         * before the room's own lock, which events of the channel need, so they never wait on the store.
         */
        final Object presence = new Object();
    }

    private final SharedRooms store;
    private final JsonMapper json;
    private final RelayProperties limits;
    private final Map<String, LocalRoom> rooms = new ConcurrentHashMap<>();
    private volatile @Nullable ScheduledExecutorService timer;

    SharedRelay(SharedRooms store, JsonMapper json, RelayProperties limits) {
        this.store = store;
        this.json = json;
        this.limits = limits;
        store.listen(this::received);
    }

    @Override
    public Joined join(String name, Member member, @Nullable Position since, Subscriber subscriber,
                       NewRoomPermit create) {
        while (true) {
            LocalRoom room = rooms.computeIfAbsent(name, key -> new LocalRoom());
            synchronized (room) {
                if (room.removed) {
                    continue;
                }
                try {
                    return join(name, room, member, since, subscriber, create);
                } catch (StoreUnavailableException e) {
                    throw unavailable();
                } finally {
                    dropIfEmpty(name, room);
                }
            }
        }
    }

    /** The local room is locked, so no event of the channel reaches it before the joined frame. */
    private Joined join(String name, LocalRoom room, Member member, @Nullable Position since, Subscriber subscriber,
                        NewRoomPermit create) {
        if (!store.listening()) {
            throw unavailable();
        }
        if (!store.exists(name) && !create.tryCreate()) {
            throw new RelayException("too-many-new-rooms",
                    "You have opened as many new rooms as allowed for now; join an existing one or try later.");
        }
        String present = write(new Present(member.id(), member.nick(), member.address(), member.user(), store.instance()));
        SharedRooms.Seated seated = store.seat(name, fold(member.nick()), present, limits.maxMembersPerRoom(), newEpoch());
        announceExpired(name, seated.expired());
        switch (seated.outcome()) {
            case NICK_TAKEN -> throw new RelayException("nick-taken", "Someone in this room already uses that nickname.");
            case FULL -> throw new RelayException("room-full", "This room is full.");
            case SEATED -> { }
        }
        List<RoomEvent.Message> history = new ArrayList<>();
        for (String entry : seated.history()) {
            RoomEvent.Message message = message(name, read(entry));
            if (message != null) {
                history.add(message);
            }
        }
        List<RoomEvent.Message> missed = since == null ? null : after(since, seated.epoch(), seated.seq(), history);
        List<Member.MemberView> members = new ArrayList<>();
        for (String other : seated.members()) {
            members.add(json.readValue(other, Present.class).view());
        }
        Seat seat = new Seat(member, subscriber, present);
        seat.epoch = seated.epoch();
        seat.seq = seated.seq();
        room.seats.put(member.id(), seat);
        Joined joined = new Joined(name, member.nick(), seated.epoch(), members, missed == null ? history : missed,
                missed != null);
        subscriber.deliver(joined);
        try {
            store.broadcast(write(new PresenceEvent("presence", name, "join", read(present, Present.class), member.id())));
        } catch (StoreUnavailableException e) {
            log.debug("Join of {} not announced: the store is unreachable", name);
        }
        return joined;
    }

    /** The messages after {@code since}, or null when the store no longer holds all of them. */
    private static @Nullable List<RoomEvent.Message> after(Position since, String epoch, long seq,
                                                           List<RoomEvent.Message> history) {
        if (!since.epoch().equals(epoch) || since.seq() > seq || since.seq() < 0) {
            return null;
        }
        long oldest = history.isEmpty() ? seq + 1 : history.get(0).seq();
        if (since.seq() + 1 < oldest) {
            return null;
        }
        return history.stream().filter(message -> message.seq() > since.seq()).toList();
    }

    @Override
    public void leave(String name, String memberId) {
        LocalRoom room = rooms.get(name);
        if (room == null) {
            return;
        }
        Seat gone;
        synchronized (room.presence) {
            synchronized (room) {
                gone = room.seats.remove(memberId);
                dropIfEmpty(name, room);
            }
            if (gone == null) {
                return;
            }
            try {
                if (!store.unseat(name, fold(gone.member.nick()), gone.present)) {
                    return;
                }
            } catch (StoreUnavailableException e) {
                log.debug("Leave from {} not kept: the store is unreachable; the presence expires by itself", name);
                return;
            }
        }
        try {
            store.broadcast(write(new PresenceEvent("presence", name, "leave", read(gone.present, Present.class), null)));
        } catch (StoreUnavailableException e) {
            log.debug("Leave from {} not announced: the store is unreachable", name);
        }
    }

    @Override
    public RoomEvent.Message publish(String name, String memberId, String text) {
        Member from = seated(name, memberId);
        String ts = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        try {
            String kept = store.append(name, write(new MessageEntry("message", name, ts, from.nick(), from.user(), text)),
                    newEpoch());
            RoomEvent.Message message = message(name, read(kept));
            if (message == null) {
                throw unavailable();
            }
            return message;
        } catch (StoreUnavailableException e) {
            throw unavailable();
        }
    }

    @Override
    public void signal(String name, String memberId, String toNick, String data) {
        Member from = seated(name, memberId);
        try {
            String to = store.member(name, fold(toNick));
            Present receiver = to == null ? null : read(to, Present.class);
            if (receiver == null || receiver.id().equals(memberId) && receiver.instance().equals(store.instance())) {
                throw new RelayException("no-such-member", "No other member of this room has that nickname.");
            }
            store.broadcast(write(new SignalEvent("signal", name, from.nick(), receiver.instance() + "/" + receiver.id(), data)));
        } catch (StoreUnavailableException e) {
            throw unavailable();
        }
    }

    @Override
    public int rooms() {
        return rooms.size();
    }

    /** The history lives in the store, not in this process's heap. */
    @Override
    public long historyBytes() {
        return 0;
    }

    /** Empty rooms are dropped at once here; the store forgets a room's keys after {@code empty-room-ttl}. */
    @Override
    public void sweep() {
    }

    /** Extends the presence of this instance's members, and tells rooms of members whose presence expired. */
    void refresh() {
        for (Map.Entry<String, LocalRoom> entry : rooms.entrySet()) {
            LocalRoom room = entry.getValue();
            List<String> expired;
            synchronized (room.presence) {
                Map<String, String> mine = new LinkedHashMap<>();
                synchronized (room) {
                    room.seats.values().forEach(seat -> mine.put(fold(seat.member.nick()), seat.present));
                }
                if (mine.isEmpty()) {
                    continue;
                }
                try {
                    expired = store.refresh(entry.getKey(), mine);
                } catch (StoreUnavailableException e) {
                    log.debug("Presence of {} not refreshed: the store is unreachable", entry.getKey());
                    return;
                }
            }
            announceExpired(entry.getKey(), expired);
        }
    }

    private void announceExpired(String name, List<String> expired) {
        for (String member : expired) {
            try {
                store.broadcast(write(new PresenceEvent("presence", name, "leave", read(member, Present.class), null)));
            } catch (StoreUnavailableException e) {
                return;
            }
        }
    }

    /** One event of the store's channel, from any instance. */
    private void received(String text) {
        JsonNode event;
        try {
            event = read(text);
        } catch (JacksonException e) {
            log.warn("Ignored an event of the relay channel that is not JSON");
            return;
        }
        String name = event.path("room").asString("");
        LocalRoom room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) {
            switch (event.path("kind").asString("")) {
                case "message" -> deliverMessage(room, name, event);
                case "presence" -> {
                    Present member = json.treeToValue(event.path("member"), Present.class);
                    String except = event.path("except").asString("");
                    RoomEvent.Presence presence = new RoomEvent.Presence(name, event.path("event").asString(""),
                            member.nick(), List.of(member.view()));
                    boolean fromHere = member.instance().equals(store.instance());
                    room.seats.forEach((id, seat) -> {
                        if (!(fromHere && id.equals(except))) {
                            seat.subscriber.deliver(presence);
                        }
                    });
                }
                case "signal" -> {
                    String to = event.path("to").asString("");
                    String prefix = store.instance() + "/";
                    Seat seat = to.startsWith(prefix) ? room.seats.get(to.substring(prefix.length())) : null;
                    if (seat != null) {
                        seat.subscriber.deliver(new RoomEvent.Signal(name, event.path("from").asString(""),
                                event.path("data").asString("")));
                    }
                }
                default -> { }
            }
        }
    }

    private void deliverMessage(LocalRoom room, String name, JsonNode event) {
        RoomEvent.Message message = message(name, event);
        if (message == null) {
            return;
        }
        String epoch = event.path("epoch").asString("");
        for (Seat seat : room.seats.values()) {
            if (!seat.epoch.equals(epoch)) {
                seat.epoch = epoch; // the store lost the room and began a new history
                seat.seq = 0;
            }
            if (message.seq() > seat.seq) {
                seat.seq = message.seq();
                seat.subscriber.deliver(message);
            }
        }
    }

    private RoomEvent.@Nullable Message message(String name, JsonNode entry) {
        if (!entry.path("seq").canConvertToLong()) {
            return null;
        }
        return new RoomEvent.Message(name, entry.path("seq").asLong(), entry.path("ts").asString(""),
                entry.path("nick").asString(""), entry.path("user").asBoolean(false), entry.path("text").asString(""));
    }

    private Member seated(String name, String memberId) {
        LocalRoom room = rooms.get(name);
        if (room != null) {
            synchronized (room) {
                Seat seat = room.seats.get(memberId);
                if (seat != null) {
                    return seat.member;
                }
            }
        }
        throw new RelayException("not-joined", "Join a room before sending.");
    }

    /** The room is locked. */
    private void dropIfEmpty(String name, LocalRoom room) {
        if (room.seats.isEmpty() && !room.removed) {
            room.removed = true;
            rooms.remove(name, room);
        }
    }

    private JsonNode read(String text) {
        return json.readTree(text);
    }

    private <T> T read(String text, Class<T> type) {
        return json.readValue(text, type);
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }

    private static String fold(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }

    private static String newEpoch() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RelayException unavailable() {
        return new RelayException("relay-unavailable",
                "The relay's shared store is unreachable; connections already in a room stay open. Try again shortly.");
    }

    @Override
    public void start() {
        ScheduledExecutorService running = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "relay-presence");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, limits.presenceRefresh().toMillis());
        running.scheduleAtFixedRate(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Relay presence refresh failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        timer = running;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        if (running != null) {
            running.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
