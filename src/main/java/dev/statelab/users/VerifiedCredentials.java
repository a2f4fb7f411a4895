package dev.statelab.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers, for a short while, user/password pairs that a slow password hash (bcrypt, argon2) has
 * already verified, as Apache's {@code mod_authn_socache} does. Without it every HTTP Basic request pays
 * the full hash (about 65 ms of CPU for bcrypt cost 10).
 *
 * <p>The key is an HMAC of user and password under a key drawn at start-up, so the cache never holds a
 * password nor a hash anyone could attack offline. Only successes are cached; failures always take the
 * slow path. It is soft state: losing it costs time, never correctness, and the protocol stays stateless.
 */
public class VerifiedCredentials implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final Cache<String, Authentication> verified;
    private final SecretKeySpec key;
    /** Keyed once; each check works on a copy, which skips the provider lookup and the key set-up. */
    private final Mac keyedMac;

    public VerifiedCredentials(AuthenticationProvider delegate, Duration ttl, int maxEntries) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.keyedMac = newMac();
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String fingerprint = fingerprint(authentication.getName(), password);
        Authentication known = verified.getIfPresent(fingerprint);
        if (known != null) {
            return known;
        }
        // concurrent first requests with the same credentials (a client opening several connections)
        // wait for one hash check instead of each paying for their own; a failure throws and is not kept
        return verified.get(fingerprint, key -> verifiedOrThrow(authentication));
    }

    private Authentication verifiedOrThrow(Authentication authentication) {
        Authentication result = delegate.authenticate(authentication);
        if (result == null || !result.isAuthenticated()) {
            throw new BadCredentialsException("not verified");
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String fingerprint(String user, String password) {
        Mac mac;
        try {
            mac = (Mac) keyedMac.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        mac.update(user.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(password.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
