package dev.statelab.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One request per session at a time across instances: a request takes the session's lease before it
 * loads the session and gives it back after its save. In memory the local lock is all it takes, so the
 * lease is free; in Redis it is a key with a random token and an expiry, renewed while the request runs,
 * and a save is fenced by it.
 *
 * <p>A request whose command can only change its session, and can run again, may instead start
 * optimistically: from this instance's copy of the session, with no lease and no round trip. Before
 * anything with an effect beyond the session it calls {@link #confirm}; after its command, {@link #settle},
 * which writes the session only if no one changed it meanwhile, and otherwise hands the request the fresh
 * session to run its command again on.
 */
public interface SessionLeases {

    /** The lease, waiting up to {@code wait} for another holder; null when it did not come. */
    @Nullable Lease acquire(String sessionId, Duration wait);

    /**
     * As {@link #acquire}, for a request that calls {@link #confirm} before any effect beyond its session
     * and {@link #settle} after its command: without a round trip when this instance has a copy of the
     * session. {@code wait} then bounds the waits that {@code confirm} and {@code settle} may still need.
     */
    default @Nullable Lease acquireOptimistically(String sessionId, Duration wait) {
        return acquire(sessionId, wait);
    }

    /**
     * Makes this thread's optimistic start on the session a real lease, refreshing the session it loaded
     * in place when another instance changed it meanwhile.
     *
     * @throws SessionBusyException when the lease did not come within the request's wait
     * @throws SessionGoneException when the session ended meanwhile
     */
    default void confirm(String sessionId) {
    }

    /**
     * After a command of an optimistic start: writes the session if no one changed it since it was
     * loaded, in one round trip. Otherwise the session this request loaded is refreshed in place from
     * the store, and the command must run again on it (and call this again): false.
     *
     * @throws SessionBusyException when a lease it had to take did not come within the request's wait
     * @throws SessionGoneException when the session ended meanwhile
     */
    default boolean settle(String sessionId) {
        return true;
    }

    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
