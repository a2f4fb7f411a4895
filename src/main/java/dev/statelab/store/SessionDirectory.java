package dev.statelab.store;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.session.Session;

/**
 * What the admin endpoints, the session limit and the metrics need from the session store beyond
 * Spring Session's {@code SessionRepository}: enumerating, counting and ending sessions, and why a
 * token stopped working. In memory the store keeps its own indexes; in Redis sorted sets scored by expiry
 * time, so every instance sees every session without keyspace notifications.
 */
public interface SessionDirectory {

    /** Live (unexpired) sessions, read-only. */
    Stream<Session> all();

    long count();

    /** Whether the user has fewer than {@code limit} live sessions; expired ones are dropped first when it matters. */
    boolean hasRoomFor(String user, int limit);

    /**
     * Whether fewer than {@code limit} sessions are waiting for a password (opened by a raw USER, not
     * logged in yet); expired ones are dropped first when it matters.
     */
    boolean hasRoomForPendingLogin(int limit);

    /**
     * Runs {@code ender} once when this process ends the session (an admin's DELETE or forget here, the
     * purge), so whoever holds it open outside the store, a control connection, can close.
     */
    void whenEnded(String id, Runnable ender);

    /** The holder closed by itself: nothing to run any more. */
    void forgetWhenEnded(String id);

    /** Ends one session; false when there was none. */
    boolean end(String id, Ending reason);

    /** Ends every session: the server forgets all clients. Answers how many ended. */
    int endAll(Ending reason);

    /** Removes the sessions whose idle timeout passed; answers how many. */
    int purgeExpired();

    /** Why a token no longer names a session, when it is remembered; null when it was never seen or long gone. */
    @Nullable Ending endingOf(String id);

    /**
     * Where one session's state lives and how many bytes it takes there (read-only); null when there is
     * no such session.
     */
    @Nullable Footprint footprint(String id);

    /**
     * Bytes the store holds for all sessions: in Redis estimated from {@code MEMORY USAGE} of a bounded
     * sample of live sessions, in memory the size of their JSON documents.
     */
    long storedBytes();

    /**
     * @param location the Redis key of the session, or a phrase naming this process's memory
     * @param bytes    {@code MEMORY USAGE} of that key, or the size of the session's JSON document in memory
     */
    record Footprint(String location, long bytes) {
    }

    /** Why a session ended. */
    enum Ending { CLOSED, EXPIRED, ENDED_BY_ADMIN }
}
