package dev.statelab.store;

import org.jspecify.annotations.Nullable;

/**
 * The lease this thread's request holds, with the session document loaded when it was taken (one round
 * trip for both) and the save the request made meanwhile, which waits for the release and goes to Redis
 * in the same script (one round trip for both). A request runs on one thread from its lease to its
 * release, as the servlet filters around it do.
 */
final class HeldLease {

    private static final ThreadLocal<HeldLease> CURRENT = new ThreadLocal<>();

    final String sessionId;
    final String token;
    /** The document as Redis holds it: loaded with the lease. */
    final @Nullable String loaded;
    /** The last save of this request, when it differs from {@link #loaded}; written with the release. */
    @Nullable PendingSave pending;
    /** The content of this request's last save: a save of the same content changes nothing. */
    @Nullable SessionContent savedFrom;
    volatile boolean lost;
    /** When the lease was taken or last renewed ({@link System#nanoTime()}). */
    volatile long renewedAt = System.nanoTime();

    /**
     * @param userKey   the sorted set of the session's user (or of sessions waiting for a password)
     * @param expiresAt epoch milliseconds: the score of the session in the sorted sets
     */
    record PendingSave(String text, String userKey, long ttlMillis, long expiresAt) {
    }

    private HeldLease(String sessionId, String token, @Nullable String loaded) {
        this.sessionId = sessionId;
        this.token = token;
        this.loaded = loaded;
    }

    static HeldLease hold(String sessionId, String token, @Nullable String loaded) {
        HeldLease lease = new HeldLease(sessionId, token, loaded);
        CURRENT.set(lease);
        return lease;
    }

    /** The lease held on this session by this thread, if any. */
    static @Nullable HeldLease on(String sessionId) {
        HeldLease lease = CURRENT.get();
        return lease != null && lease.sessionId.equals(sessionId) ? lease : null;
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
