package dev.statelab.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signed bearer tokens of the stateless API.
 *
 * @param ttl    how long a token is valid; it cannot be revoked before then, so keep it short
 * @param secret base64 HMAC-SHA256 key of at least 32 bytes; unset: a random key drawn at start-up, so
 *               tokens die with the process and work only on the instance that issued them. Give every
 *               instance the same secret to make tokens valid on all of them
 * @param issuer the {@code iss} claim written into tokens and required on the way back
 */
@ConfigurationProperties("statelab.http.token")
public record TokenProperties(
        @DefaultValue("5m") Duration ttl,
        @Nullable String secret,
        @DefaultValue("statelab") String issuer) {
}
