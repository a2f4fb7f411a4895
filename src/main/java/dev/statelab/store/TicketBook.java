package dev.statelab.store;

import org.jspecify.annotations.Nullable;

/**
 * One-time tickets: a random name for a value that lives a short while and can be taken once, on any
 * instance when the store is shared ({@code SET NX PX}, then {@code GETDEL}).
 */
public interface TicketBook {

    /** Keeps the value under the ticket until it is taken or its time is up; false when the name is taken. */
    boolean put(String ticket, String value);

    /** The value, removed in the same step; null when unknown, expired or already taken. */
    @Nullable String take(String ticket);
}
