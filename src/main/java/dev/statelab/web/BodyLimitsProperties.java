package dev.statelab.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on request bodies, so that slow or refused uploads cannot hold the server's worker threads.
 *
 * @param minRate          a body that arrives slower than this per second on average, once {@code grace}
 *                         has passed, is cut (the request fails, the connection is closed); {@code 0} turns
 *                         the check off
 * @param grace            how long a body may be slower than {@code minRate} at its start
 * @param maxConcurrent    how many requests may be sending a body at once; more get 503 with
 *                         {@code Retry-After} at once, body unread. Keeps workers free for everyone else
 *                         when there is a fixed pool (Tomcat's 200 threads without virtual threads);
 *                         {@code 0} turns the limit off
 */
@ConfigurationProperties("statelab.web.body")
public record BodyLimitsProperties(
        @DefaultValue("1KB") DataSize minRate,
        @DefaultValue("5s") Duration grace,
        @DefaultValue("100") int maxConcurrent) {
}
