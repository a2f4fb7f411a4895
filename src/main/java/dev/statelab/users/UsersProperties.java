package dev.statelab.users;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The accounts every protocol shares.
 *
 * @param accounts            user name to account; empty means one generated {@code demo} admin
 * @param credentialCacheTtl  how long a verified user/password pair is remembered so that HTTP Basic does
 *                            not pay a password-hash check on every request; {@code 0s} turns the cache off
 * @param credentialCacheSize at most this many remembered pairs
 */
@ConfigurationProperties("statelab.users")
public record UsersProperties(
        @DefaultValue Map<String, Account> accounts,
        @DefaultValue("5m") Duration credentialCacheTtl,
        @DefaultValue("10000") int credentialCacheSize) {

    /**
     * @param password a Spring Security prefixed hash: {@code {bcrypt}…}, {@code {argon2}…}, {@code {noop}…}
     */
    public record Account(String password, @DefaultValue("USER") Role role) {
    }

    public enum Role { USER, ADMIN }
}
