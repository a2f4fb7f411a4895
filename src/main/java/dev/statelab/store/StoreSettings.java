package dev.statelab.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one switch for shared state.
 *
 * @param store {@code memory}: sessions, lockout windows and tickets live in this process; {@code redis}:
 *              in the Redis named by {@code spring.data.redis.*}, shared by every instance
 */
@ConfigurationProperties("statelab")
public record StoreSettings(@DefaultValue("memory") Store store) {

    /** The property that selects the store, for conditions. */
    public static final String PROPERTY = "statelab.store";

    public enum Store { MEMORY, REDIS }
}
