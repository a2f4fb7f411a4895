package dev.statelab.store;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Boot's Redis auto-configurations (connection factory, templates, health contributor, Lettuce
 * observation) out unless {@code statelab.store=redis}: they are on the class path for the Redis mode,
 * and would otherwise connect, and report a Redis health, in memory mode too.
 */
public final class RedisOnlyWhenChosen implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String REDIS_AUTO_CONFIGURATIONS = "org.springframework.boot.data.redis.";

    private boolean redis;

    @Override
    public void setEnvironment(Environment environment) {
        redis = "redis".equalsIgnoreCase(environment.getProperty(StoreSettings.PROPERTY, "memory").trim());
    }

    @Override
    public boolean[] match(@Nullable String[] candidates, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            matches[i] = redis || candidates[i] == null || !candidates[i].startsWith(REDIS_AUTO_CONFIGURATIONS);
        }
        return matches;
    }
}
