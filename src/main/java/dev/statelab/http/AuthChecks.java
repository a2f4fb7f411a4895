package dev.statelab.http;

import dev.statelab.traffic.TrafficMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.security.authentication.AuthenticationManager;

/** The {@code statelab.auth.checks} timer: how long checking who sent a request takes, by kind. */
final class AuthChecks {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    private AuthChecks() {
    }

    /**
     * Times each HTTP Basic check of the stateless API through the shared manager and its credential cache,
     * so that cache hits and full hash checks both show. Timed here rather than in the shared manager, which
     * also serves the FTP-style login: that is a once-per-session check, not a per-request one.
     */
    static AuthenticationManager timed(AuthenticationManager manager, Timer timer) {
        return authentication -> timer.record(() -> manager.authenticate(authentication));
    }

    static Timer timer(MeterRegistry meters, String kind) {
        return TrafficMeters.authChecks(meters, kind);
    }
}
