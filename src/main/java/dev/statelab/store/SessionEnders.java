package dev.statelab.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What to run when this process ends a session that something outside the store holds open (a control
 * connection of the FTP port). Kept per process on purpose: the connection lives here, whatever store
 * the listing is in.
 */
final class SessionEnders {

    private final ConcurrentMap<String, Runnable> enders = new ConcurrentHashMap<>();

    void whenEnded(String id, Runnable ender) {
        enders.put(id, ender);
    }

    void forget(String id) {
        enders.remove(id);
    }

    void ended(String id) {
        Runnable ender = enders.remove(id);
        if (ender != null) {
            ender.run();
        }
    }
}
