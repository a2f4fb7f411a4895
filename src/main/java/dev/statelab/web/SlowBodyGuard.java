package dev.statelab.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Keeps request bodies from holding the worker threads: at most {@code maxConcurrent} requests send a
 * body at once (more get 503 at once, their body unread), and a body that arrives slower than the
 * minimum rate after the grace period is cut ({@link MinimumRateInputStream}). A request without a body
 * passes with two header lookups. Runs before security, so unauthenticated uploads count too.
 */
public final class SlowBodyGuard implements Filter {

    private final BodyLimitsProperties limits;
    private final Semaphore bodies;
    private final ProblemWriter problems;

    public SlowBodyGuard(BodyLimitsProperties limits, ProblemWriter problems) {
        this.limits = limits;
        this.bodies = new Semaphore(limits.maxConcurrent() > 0 ? limits.maxConcurrent() : Integer.MAX_VALUE);
        this.problems = problems;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (!UnreadBody.announced(request)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        if (!bodies.tryAcquire()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            response.setHeader(HttpHeaders.CONNECTION, "close");
            problems.write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "too-many-uploads",
                    "Too many uploads", "The server is receiving as many request bodies as it takes at once; "
                            + "try again in a moment."));
            return;
        }
        try {
            long minRate = limits.minRate().toBytes();
            chain.doFilter(minRate <= 0 ? request : new RateLimitedRequest(request, minRate, limits.grace().toNanos()), res);
        } finally {
            bodies.release();
        }
    }

    private static final class RateLimitedRequest extends HttpServletRequestWrapper {

        private final long minRate;
        private final long graceNanos;
        private final long start = System.nanoTime();
        private @Nullable ServletInputStream in;

        RateLimitedRequest(HttpServletRequest request, long minRate, long graceNanos) {
            super(request);
            this.minRate = minRate;
            this.graceNanos = graceNanos;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new MinimumRateInputStream(super.getInputStream(), minRate, graceNanos, start);
            }
            return in;
        }
    }
}
