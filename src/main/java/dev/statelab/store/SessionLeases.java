package dev.statelab.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One request per session at a time across instances: a request takes the session's lease before it
 * loads the session and gives it back after its save. In memory the local lock is all it takes, so the
 * lease is free; in Redis it is a key with a random token and an expiry, renewed while the request runs,
 * and a save is fenced by it.
 */
public interface SessionLeases {

    /** The lease, waiting up to {@code wait} for another holder; null when it did not come. */
    @Nullable Lease acquire(String sessionId, Duration wait);

    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
