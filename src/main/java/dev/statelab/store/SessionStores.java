package dev.statelab.store;

import java.time.Duration;

/** Where a feature gets its session store from; which kind depends on {@code statelab.store}. */
public interface SessionStores {

    /** The sessions of one feature ({@code ftp}), under its own keys when shared. */
    SessionStore sessions(String feature, Duration idleTimeout, SessionAttributeCodec codec);
}
