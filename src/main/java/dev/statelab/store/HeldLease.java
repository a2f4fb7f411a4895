package dev.statelab.store;

import org.jspecify.annotations.Nullable;

/**
 * The lease this thread's request holds, with the session document loaded when it was taken (one round
 * trip for both) and then the one last saved, so the repository's load and its fenced save can find them
 * and a save of what is already stored can be skipped. A request runs on one
 * thread from its lease to its save, as the servlet filters around it do.
 */
final class HeldLease {

    private static final ThreadLocal<HeldLease> CURRENT = new ThreadLocal<>();

    final String sessionId;
    final String token;
    @Nullable String loaded;
    volatile boolean lost;

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

    void release() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }
}
