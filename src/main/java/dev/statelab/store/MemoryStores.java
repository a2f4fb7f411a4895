package dev.statelab.store;

import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

/** Everything in this process: a map-backed session store, and tickets in a map. */
final class MemoryStores implements SessionStores, TicketBooks {

    private final JsonMapper json;

    MemoryStores(JsonMapper json) {
        this.json = json;
    }

    @Override
    public SessionStore sessions(String feature, Duration idleTimeout, SessionAttributeCodec codec) {
        return new MemorySessionStore(idleTimeout, new SessionJson(json, codec));
    }

    @Override
    public TicketBook book(String feature, Duration ttl) {
        return new MemoryTicketBook(ttl);
    }
}
