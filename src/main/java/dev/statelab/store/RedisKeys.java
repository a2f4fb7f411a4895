package dev.statelab.store;

/**
 * The keys of one feature's sessions, all under {@code statelab:<feature>:}. The scripts touch several of
 * them at once, so this layout is for a single Redis (or one with them in one slot), not a cluster.
 */
record RedisKeys(String prefix) {

    static RedisKeys of(String feature) {
        return new RedisKeys("statelab:" + feature + ":");
    }

    String session(String id) {
        return prefix + "session:" + id;
    }

    String lease(String id) {
        return prefix + "lease:" + id;
    }

    String ended(String id) {
        return prefix + "ended:" + id;
    }

    /** Every session id, scored by the time it expires. */
    String all() {
        return prefix + "sessions";
    }

    /** Sessions waiting for their password (no user yet), scored by expiry. */
    String pending() {
        return prefix + "pending";
    }

    String user(String name) {
        return prefix + "user:" + name;
    }
}
