package dev.statelab.users;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The one lockout every password check shares (HTTP Basic anywhere, the FTP-style login, the FTP port):
 * failures are counted per user name and per client address within a window, and a user or address that
 * reaches its limit is locked for a while. A locked check is refused before any hash is computed.
 * {@link #lockedFor} sits on the path of every Basic request, so an implementation answers it from
 * memory, without allocating.
 */
public interface LoginThrottle {

    /** How much longer this user or address is locked; null when it may try. */
    @Nullable Duration lockedFor(String user, @Nullable String address);

    void failed(String user, @Nullable String address);

    /** A right password clears the user's count; the address keeps its count. */
    void succeeded(String user, @Nullable String address);

    /** Whole seconds, rounded up, as {@code Retry-After} and FTP's 421 text give them. */
    static long seconds(Duration duration) {
        return Math.max(1, (duration.toNanos() + 999_999_999L) / 1_000_000_000L);
    }
}
