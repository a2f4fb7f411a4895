package dev.statelab.store;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/** Tickets in this process: a bounded map whose entries expire. */
final class MemoryTicketBook implements TicketBook {

    private final Cache<String, String> values;

    MemoryTicketBook(Duration ttl) {
        this.values = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    @Override
    public boolean put(String ticket, String value) {
        return values.asMap().putIfAbsent(ticket, value) == null;
    }

    @Override
    public @Nullable String take(String ticket) {
        return values.asMap().remove(ticket);
    }
}
