package dev.statelab.store;

/**
 * A save whose lease on the session had already passed to another request (it expired while this one
 * ran): the save is refused, so a slow request can never overwrite what a later one saved.
 */
public final class LeaseLostException extends RuntimeException {

    LeaseLostException(String sessionHash) {
        super("The lease on session " + sessionHash + " was lost before its save");
    }
}
