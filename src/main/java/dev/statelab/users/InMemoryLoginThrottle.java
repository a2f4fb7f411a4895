package dev.statelab.users;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Locks a user name, or a client address, out for a while after repeated failed logins within a window,
 * as vsftpd and pyftpdlib do, for this process alone. A locked login is refused before its password is
 * checked, so a guessing client cannot even make the server pay for a password hash. Counters live in
 * bounded, expiring maps; the check of an unlocked user is two map lookups.
 */
public final class InMemoryLoginThrottle implements LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final UsersProperties.Lockout settings;
    private final Ticker ticker;
    private final Cache<String, Failures> byUser;
    private final Cache<String, Failures> byAddress;

    public InMemoryLoginThrottle(UsersProperties.Lockout settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        Duration keep = settings.window().plus(settings.duration());
        this.byUser = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(keep).maximumSize(MAX_TRACKED).build();
        this.byAddress = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(keep).maximumSize(MAX_TRACKED).build();
    }

    @Override
    public @Nullable Duration lockedFor(String user, @Nullable String address) {
        long now = ticker.read();
        long until = Math.max(lockedUntil(byUser.getIfPresent(user)),
                address == null ? 0 : lockedUntil(byAddress.getIfPresent(address)));
        return until > now ? Duration.ofNanos(until - now) : null;
    }

    @Override
    public void failed(String user, @Nullable String address) {
        count(byUser, user, settings.maxFailuresPerUser());
        if (address != null) {
            count(byAddress, address, settings.maxFailuresPerAddress());
        }
    }

    /** The address keeps its count, so one good account cannot reset guessing at others. */
    @Override
    public void succeeded(String user, @Nullable String address) {
        // the hot path: a user with no failures costs one lookup, no write
        if (byUser.getIfPresent(user) != null) {
            byUser.invalidate(user);
        }
    }

    private void count(Cache<String, Failures> failures, String key, int limit) {
        long now = ticker.read();
        failures.asMap().compute(key, (k, current) -> {
            Failures base = current == null || now - current.windowStart > settings.window().toNanos()
                    ? new Failures(0, now, 0) : current;
            int count = base.count + 1;
            long lockedUntil = count >= limit ? now + settings.duration().toNanos() : base.lockedUntil;
            return new Failures(count >= limit ? 0 : count, count >= limit ? now : base.windowStart, lockedUntil);
        });
    }

    private static long lockedUntil(@Nullable Failures failures) {
        return failures == null ? 0 : failures.lockedUntil;
    }

    private record Failures(int count, long windowStart, long lockedUntil) {
    }
}
