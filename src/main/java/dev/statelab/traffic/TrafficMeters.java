package dev.statelab.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters every API shares, named and described once: Prometheus takes one family per name, so the
 * description and unit must be the same wherever a meter of that name is registered.
 */
public final class TrafficMeters {

    public static final String REQUESTS = "statelab.requests";
    public static final String BYTES = "statelab.bytes";
    public static final String AUTH_CHECKS = "statelab.auth.checks";

    private TrafficMeters() {
    }

    /** {@code statelab.requests{api}}: requests (or relay frames) received. */
    public static Counter requests(MeterRegistry registry, String api) {
        return Counter.builder(REQUESTS).description("Requests received, by API").tag("api", api).register(registry);
    }

    /** {@code statelab.bytes{api,direction}}, plus any further tags as name/value pairs. */
    public static Counter bytes(MeterRegistry registry, String api, String direction, String... tags) {
        return Counter.builder(BYTES).baseUnit("bytes")
                .description("Bytes on the wire by API and direction (see the README for what is counted)")
                .tags("api", api, "direction", direction).tags(tags).register(registry);
    }

    /** {@code statelab.auth.checks{kind}}: how long checking who sent a request takes. */
    public static Timer authChecks(MeterRegistry registry, String kind) {
        return Timer.builder(AUTH_CHECKS).description("Time to check the credentials a request carries")
                .tag("kind", kind).register(registry);
    }
}
