package dev.statelab.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Folder listings of the stateless API. A listing is written while the folder is read, so a large one
 * costs little memory, but it still keeps a thread and the disk busy for as long as it runs.
 *
 * @param maxConcurrent how many listings may run at once; one more gets 503 with {@code Retry-After}
 * @param retryAfter    what that 503 tells the client to wait before trying again (whole seconds)
 */
@ConfigurationProperties("statelab.http.listing")
public record ListingProperties(
        @DefaultValue("4") int maxConcurrent,
        @DefaultValue("1s") Duration retryAfter) {

    public ListingProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("statelab.http.listing.max-concurrent must be at least 1, was " + maxConcurrent);
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("statelab.http.listing.retry-after must not be negative");
        }
    }
}
