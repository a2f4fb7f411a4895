package dev.statelab.http;

import io.micrometer.core.instrument.Timer;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Times each HTTP Basic check on the stateless API, through the shared manager and its credential
 * cache, so that cache hits and full password-hash checks both show in the figures. Timed here rather
 * than in the shared manager, which also serves the FTP-style login: that is a once-per-session check,
 * not a per-request one.
 */
final class TimedPasswordCheck implements AuthenticationManager {

    private final AuthenticationManager delegate;
    private final Timer timer;

    TimedPasswordCheck(AuthenticationManager delegate, Timer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Timer.Sample sample = Timer.start();
        try {
            return delegate.authenticate(authentication);
        } finally {
            sample.stop(timer);
        }
    }
}
