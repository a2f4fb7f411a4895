package dev.statelab.users;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A password check refused without looking at the password: the user or the address is locked out. */
public class LockedOutException extends AuthenticationException {

    private final Duration retryAfter;

    public LockedOutException(Duration retryAfter) {
        super("Too many failed logins");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up. */
    public long retryAfterSeconds() {
        return LoginThrottle.seconds(retryAfter);
    }
}
