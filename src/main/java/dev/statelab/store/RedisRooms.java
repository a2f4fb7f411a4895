package dev.statelab.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Rooms in Redis, after Centrifugo's Redis engine: per room a meta hash ({@code epoch}, {@code seq}), a
 * capped history list, a presence hash (nick key to member) and a sorted set of presence expiry times.
 * Seq and history move together in one script, so two instances never hand out the same seq, and the
 * same script publishes the entry, so every instance receives a room's entries in seq order. Time is
 * Redis's own ({@code TIME}), so instances with skewed clocks agree on who expired.
 */
final class RedisRooms implements SharedRooms {

    static final String CHANNEL = "statelab:relay:events";

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;
    private static final String SWEEP = """
            local expired = {}
            for _, key in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)) do
              local m = redis.call('HGET', KEYS[3], key)
              if m then table.insert(expired, m) end
              redis.call('HDEL', KEYS[3], key)
              redis.call('ZREM', KEYS[4], key)
            end
            """;
    private static final String KEEP = """
            for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ROOM_TTL) end
            """;
    // KEYS: meta, history, presence, expiry; ARGV: nick key, member, max members, new epoch, presence ms, room ms
    private static final RedisScript<List> SEAT = RedisScript.of(NOW + SWEEP + """
            if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return {'taken', expired} end
            if redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[3]) then return {'full', expired} end
            redis.call('HSETNX', KEYS[1], 'epoch', ARGV[4])
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[4], now + tonumber(ARGV[5]), ARGV[1])
            local ROOM_TTL = ARGV[6]
            """ + KEEP + """
            return {'seated', expired, redis.call('HGET', KEYS[1], 'epoch'),
              tostring(redis.call('HGET', KEYS[1], 'seq') or '0'),
              redis.call('LRANGE', KEYS[2], 0, -1), redis.call('HVALS', KEYS[3])}""", List.class);
    // KEYS: meta, history; ARGV: entry, history size, new epoch, room ms, channel
    private static final RedisScript<String> APPEND = RedisScript.of("""
            redis.call('HSETNX', KEYS[1], 'epoch', ARGV[3])
            local entry = cjson.decode(ARGV[1])
            entry['seq'] = redis.call('HINCRBY', KEYS[1], 'seq', 1)
            entry['epoch'] = redis.call('HGET', KEYS[1], 'epoch')
            local kept = cjson.encode(entry)
            redis.call('RPUSH', KEYS[2], kept)
            redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
            local ROOM_TTL = ARGV[4]
            """ + KEEP + """
            redis.call('PUBLISH', ARGV[5], kept)
            return kept""", String.class);
    // KEYS: presence, expiry; ARGV: nick key, member
    private static final RedisScript<Long> UNSEAT = RedisScript.of("""
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              redis.call('HDEL', KEYS[1], ARGV[1])
              redis.call('ZREM', KEYS[2], ARGV[1])
              return 1
            end
            return 0""", Long.class);
    // KEYS: meta, history, presence, expiry; ARGV: presence ms, room ms, then nick key and member pairs
    private static final RedisScript<List> REFRESH = RedisScript.of(NOW + """
            for i = 3, #ARGV, 2 do
              local current = redis.call('HGET', KEYS[3], ARGV[i])
              if not current then redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
              if not current or current == ARGV[i + 1] then
                redis.call('ZADD', KEYS[4], now + tonumber(ARGV[1]), ARGV[i])
              end
            end
            """ + SWEEP + """
            local ROOM_TTL = ARGV[2]
            """ + KEEP + """
            return expired""", List.class);

    private final RedisCalls redis;
    private final RedisMessageListenerContainer listeners;
    private final int historySize;
    private final Lifetimes lifetimes;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    RedisRooms(RedisCalls redis, RedisMessageListenerContainer listeners, int historySize, Lifetimes lifetimes) {
        this.redis = redis;
        this.listeners = listeners;
        this.historySize = historySize;
        this.lifetimes = lifetimes;
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public boolean exists(String room) {
        return Boolean.TRUE.equals(redis.call(() -> redis.template().hasKey(key(room, "meta"))));
    }

    @Override
    public Seated seat(String room, String nickKey, String member, int maxMembers, String newEpoch) {
        List<?> reply = redis.script(SEAT, keys(room), nickKey, member, String.valueOf(maxMembers), newEpoch,
                millis(lifetimes.presence()), millis(roomTtl()));
        List<String> expired = strings(reply.get(1));
        return switch ((String) reply.get(0)) {
            case "taken" -> new Seated(Outcome.NICK_TAKEN, expired, "", 0, List.of(), List.of());
            case "full" -> new Seated(Outcome.FULL, expired, "", 0, List.of(), List.of());
            default -> new Seated(Outcome.SEATED, expired, (String) reply.get(2), Long.parseLong((String) reply.get(3)),
                    strings(reply.get(4)), strings(reply.get(5)));
        };
    }

    @Override
    public String append(String room, String entry, String newEpoch) {
        return redis.script(APPEND, List.of(key(room, "meta"), key(room, "history")), entry,
                String.valueOf(historySize), newEpoch, millis(roomTtl()), CHANNEL);
    }

    @Override
    public boolean unseat(String room, String nickKey, String member) {
        Long removed = redis.script(UNSEAT, List.of(key(room, "presence"), key(room, "expiry")), nickKey, member);
        return removed != null && removed == 1;
    }

    @Override
    public List<String> refresh(String room, Map<String, String> members) {
        List<Object> args = new ArrayList<>(2 + 2 * members.size());
        args.add(millis(lifetimes.presence()));
        args.add(millis(roomTtl()));
        members.forEach((nickKey, member) -> {
            args.add(nickKey);
            args.add(member);
        });
        return strings(redis.script(REFRESH, keys(room), args.toArray()));
    }

    @Override
    public @Nullable String member(String room, String nickKey) {
        Object member = redis.call(() -> redis.template().opsForHash().get(key(room, "presence"), nickKey));
        return member == null ? null : member.toString();
    }

    @Override
    public void broadcast(String event) {
        redis.call(() -> redis.template().convertAndSend(CHANNEL, event));
    }

    @Override
    public boolean listening() {
        return listeners.isListening();
    }

    @Override
    public void listen(Consumer<String> events) {
        listeners.addMessageListener((message, pattern) -> events.accept(new String(message.getBody(),
                java.nio.charset.StandardCharsets.UTF_8)), new ChannelTopic(CHANNEL));
    }

    private java.time.Duration roomTtl() {
        return lifetimes.room().plus(lifetimes.presence());
    }

    private static List<String> keys(String room) {
        return List.of(key(room, "meta"), key(room, "history"), key(room, "presence"), key(room, "expiry"));
    }

    private static String key(String room, String part) {
        return "statelab:relay:room:{" + room + "}:" + part;
    }

    private static String millis(java.time.Duration duration) {
        return String.valueOf(Math.max(1, duration.toMillis()));
    }

    private static List<String> strings(Object reply) {
        List<String> strings = new ArrayList<>();
        if (reply instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }
}
