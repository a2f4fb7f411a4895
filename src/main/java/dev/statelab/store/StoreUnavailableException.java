package dev.statelab.store;

/** The shared store did not answer (in time): the request cannot see or keep its state. */
public final class StoreUnavailableException extends RuntimeException {

    StoreUnavailableException(Throwable cause) {
        super("The shared session store is unreachable", cause);
    }
}
