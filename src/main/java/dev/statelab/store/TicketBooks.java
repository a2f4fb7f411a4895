package dev.statelab.store;

import java.time.Duration;

/** Where a feature gets its ticket book; in this process or shared, as {@code statelab.store} says. */
public interface TicketBooks {

    TicketBook book(String feature, Duration ttl);
}
