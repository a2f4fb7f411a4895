package dev.statelab.store;

/**
 * A request that started without the session's lease needed it (to write, or because another instance
 * had changed the session) and did not get it within its wait: another command of the session is running.
 */
public final class SessionBusyException extends RuntimeException {

    SessionBusyException(String sessionHash) {
        super("The lease on session " + sessionHash + " did not come in time");
    }
}
