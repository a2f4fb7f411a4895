package dev.statelab.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The {@code statelab.auth.checks} timer: how long checking who sent a request takes, by kind. */
final class AuthChecks {

    static final String NAME = "statelab.auth.checks";
    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    private AuthChecks() {
    }

    static Timer timer(MeterRegistry meters, String kind) {
        return Timer.builder(NAME)
                .description("Time to check the credentials a request carries")
                .tag("kind", kind)
                .register(meters);
    }
}
