package dev.statelab.compare;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the comparison runner.
 *
 * @param concurrentRuns how many scenario runs may play at once; more get 429
 * @param peerUrl        another instance over the same files and accounts ({@code http://host:port}) that
 *                       "a second instance" and "the server forgets" send requests to; unset, they say what
 *                       they would need
 */
@ConfigurationProperties("statelab.compare")
public record CompareProperties(@DefaultValue("2") int concurrentRuns, @Nullable URI peerUrl) {
}
