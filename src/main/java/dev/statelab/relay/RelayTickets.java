package dev.statelab.relay;

import java.security.SecureRandom;
import java.util.Base64;

import dev.statelab.store.TicketBook;
import org.jspecify.annotations.Nullable;

/**
 * One-time tickets that carry a verified account name into a WebSocket handshake, since a browser cannot
 * set an Authorization header on one. A ticket lives a few seconds and is gone once redeemed, on every
 * instance when the store is shared.
 */
final class RelayTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TicketBook users;

    RelayTickets(TicketBook users) {
        this.users = users;
    }

    String issue(String user) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (!users.put(ticket, user)) {
            throw new IllegalStateException("192 random bits named an existing ticket");
        }
        return ticket;
    }

    /** The account the ticket was issued to, or null when it is unknown, expired or already used. */
    @Nullable String redeem(String ticket) {
        return users.take(ticket);
    }
}
