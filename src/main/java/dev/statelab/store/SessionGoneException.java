package dev.statelab.store;

/**
 * A request that started from this instance's copy of its session found, when it went to Redis, that the
 * session had ended or expired meanwhile (on another instance, say): nothing of the request was saved.
 */
public final class SessionGoneException extends RuntimeException {

    private final String sessionId;

    SessionGoneException(String sessionId) {
        super("The session ended before the request was saved");
        this.sessionId = sessionId;
    }

    /** The token of the session, to say why it is gone. */
    public String sessionId() {
        return sessionId;
    }
}
