package dev.statelab.compare;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the comparison runner.
 *
 * @param concurrentRuns how many scenario runs may play at once; more get 429
 */
@ConfigurationProperties("statelab.compare")
public record CompareProperties(@DefaultValue("2") int concurrentRuns) {
}
