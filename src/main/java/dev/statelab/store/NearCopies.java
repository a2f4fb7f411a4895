package dev.statelab.store;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * The session documents this instance last read from or wrote to Redis, by session id: what a request
 * that may run again ({@link SessionLeases#acquireOptimistically}) starts from without a round trip. A copy
 * may be stale: the write that ends such a request compares it with what Redis holds, so a stale copy
 * costs a round trip, never a lost update. Bounded in count; a copy unused for the idle timeout goes.
 */
final class NearCopies {

    /** About 300 bytes of document each: a few MiB of heap at most. */
    static final int MAX_COPIES = 10_000;

    private final Cache<String, String> copies;

    NearCopies(Duration idleTimeout, int maxCopies) {
        // evictions run on the caller's thread, so the bound holds when a put returns
        copies = Caffeine.newBuilder().maximumSize(maxCopies).expireAfterAccess(idleTimeout)
                .executor(Runnable::run).build();
    }

    @Nullable String get(String id) {
        return copies.getIfPresent(id);
    }

    /** What Redis holds for the session after this instance's read or write; null when it holds none. */
    void holds(String id, @Nullable String document) {
        if (document == null) {
            copies.invalidate(id);
        } else {
            copies.put(id, document);
        }
    }

    void forget(String id) {
        copies.invalidate(id);
    }
}
