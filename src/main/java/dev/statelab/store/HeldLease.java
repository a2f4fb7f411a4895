package dev.statelab.store;

import org.jspecify.annotations.Nullable;
import org.springframework.session.MapSession;

/**
 * The lease this thread's request holds, with the session document loaded when it was taken (one round
 * trip for both) and the save the request made meanwhile, which waits for the release and goes to Redis
 * in the same script (one round trip for both). A request runs on one thread from its lease to its
 * release, as the servlet filters around it do. An optimistic start holds no lease yet (no token): its
 * document is this instance's copy, checked when the request writes.
 */
final class HeldLease {

    private static final ThreadLocal<HeldLease> CURRENT = new ThreadLocal<>();

    final RedisSessionLeases owner;
    final String sessionId;
    /** Until when the request may wait for the lease ({@link System#nanoTime()}). */
    final long deadline;
    /** Null while the start is optimistic: no lease is held in Redis. */
    @Nullable String token;
    /** The document the request started from: loaded with the lease, or this instance's copy. */
    @Nullable String loaded;
    /** The session the store handed to this request: refreshed in place when a newer document comes. */
    @Nullable MapSession session;
    /** The last save of this request, when it differs from {@link #loaded}; written with the release. */
    @Nullable PendingSave pending;
    /** The content of this request's last save: a save of the same content changes nothing. */
    @Nullable SessionContent savedFrom;
    /** How often an optimistic start ran its command again on a document another instance had changed. */
    int reruns;
    /** The lease passed to another holder, or the session was found gone: nothing more is written. */
    volatile boolean lost;
    /** When the lease was taken or last renewed ({@link System#nanoTime()}). */
    volatile long renewedAt = System.nanoTime();

    /**
     * @param userKey   the sorted set of the session's user (or of sessions waiting for a password)
     * @param expiresAt epoch milliseconds: the score of the session in the sorted sets
     */
    record PendingSave(String text, String userKey, long ttlMillis, long expiresAt) {
    }

    private HeldLease(RedisSessionLeases owner, String sessionId, @Nullable String token, @Nullable String loaded,
                      long deadline) {
        this.owner = owner;
        this.sessionId = sessionId;
        this.token = token;
        this.loaded = loaded;
        this.deadline = deadline;
    }

    static HeldLease hold(RedisSessionLeases owner, String sessionId, @Nullable String token, @Nullable String loaded,
                          long deadline) {
        HeldLease lease = new HeldLease(owner, sessionId, token, loaded, deadline);
        CURRENT.set(lease);
        return lease;
    }

    /** The lease held on this session by this thread, if any. */
    static @Nullable HeldLease on(String sessionId) {
        HeldLease lease = CURRENT.get();
        return lease != null && lease.sessionId.equals(sessionId) ? lease : null;
    }

    boolean optimistic() {
        return token == null;
    }

    /** From now on the request works from this document, as Redis holds it: no save of its own is pending. */
    void startFrom(@Nullable String document) {
        loaded = document;
        pending = null;
        savedFrom = null;
    }

    /** The document as this request last left it: its pending save, or what was loaded. */
    @Nullable String current() {
        PendingSave save = pending;
        return save != null ? save.text() : loaded;
    }

    void release() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }
}
