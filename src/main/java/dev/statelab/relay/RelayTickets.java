package dev.statelab.relay;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * One-time tickets that carry a verified account name into a WebSocket handshake, since a browser cannot
 * set an Authorization header on one. A ticket lives a few seconds and is gone once redeemed.
 */
final class RelayTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, String> users;

    RelayTickets(Duration ttl) {
        this.users = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    String issue(String user) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        users.put(ticket, user);
        return ticket;
    }

    /** The account the ticket was issued to, or null when it is unknown, expired or already used. */
    @Nullable String redeem(String ticket) {
        return users.asMap().remove(ticket);
    }
}
