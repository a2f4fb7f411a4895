package dev.statelab.http;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The key that signs and checks bearer tokens (HMAC-SHA256 through Nimbus): checking a token needs no
 * lookup, only this key, which is what makes the token stateless.
 */
@Configuration(proxyBeanMethods = false)
class TokenKeys {

    /** Little leeway for clock differences, so that an expired token is refused promptly. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final SecretKey key;

    TokenKeys(TokenProperties properties) {
        this.key = new SecretKeySpec(secret(properties), "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder() {
        return NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    JwtDecoder jwtDecoder(TokenProperties properties, MeterRegistry meters) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW), new JwtIssuerValidator(properties.issuer())));
        Timer checks = AuthChecks.timer(meters, AuthChecks.BEARER); // failed checks included
        return token -> checks.record(() -> decoder.decode(token));
    }

    private static byte[] secret(TokenProperties properties) {
        if (properties.secret() == null || properties.secret().isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] configured = Base64.getDecoder().decode(properties.secret().trim());
        if (configured.length < 32) {
            throw new IllegalStateException("statelab.http.token.secret must be at least 32 bytes (base64)");
        }
        return configured;
    }
}
