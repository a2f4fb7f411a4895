package dev.statelab.http;

import io.micrometer.core.instrument.Timer;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Times each bearer token check (signature, expiry, issuer), failed ones included. */
final class TimedJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Timer timer;

    TimedJwtDecoder(JwtDecoder delegate, Timer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Timer.Sample sample = Timer.start();
        try {
            return delegate.decode(token);
        } finally {
            sample.stop(timer);
        }
    }
}
