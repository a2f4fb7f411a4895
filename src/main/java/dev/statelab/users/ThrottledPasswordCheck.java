package dev.statelab.users;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every user/password check of the service goes through here: a locked user or address is refused with
 * {@link LockedOutException} before the credential cache or a hash is touched; a failure is counted, a
 * success clears the user's count. The callers turn a lock into their protocol's answer (HTTP 429 with
 * {@code Retry-After}, FTP 421).
 */
public final class ThrottledPasswordCheck implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;

    public ThrottledPasswordCheck(AuthenticationProvider delegate, LoginThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String address = addressOf(authentication.getDetails());
        Duration locked = throttle.lockedFor(user, address);
        if (locked != null) {
            throw new LockedOutException(locked);
        }
        Authentication verified;
        try {
            verified = delegate.authenticate(authentication);
        } catch (AuthenticationException e) {
            throttle.failed(user, address);
            throw e;
        }
        if (verified != null) {
            // null is "not mine to decide", not a success: it must not clear the user's count
            throttle.succeeded(user, address);
        }
        return verified;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static @Nullable String addressOf(@Nullable Object details) {
        if (details instanceof WebAuthenticationDetails web) {
            return web.getRemoteAddress();
        }
        return details instanceof ClientAddress client ? client.value() : null;
    }
}
