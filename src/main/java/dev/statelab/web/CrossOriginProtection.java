package dev.statelab.web;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request that a browser says comes from another site, as Go's
 * {@code net/http.CrossOriginProtection} does, so a page elsewhere cannot use a browser's cached Basic
 * credentials. Spring Security 7 offers only token-based CSRF protection, which needs a session or a
 * cookie this service does not have; Fetch Metadata needs neither.
 *
 * <p>Safe methods (GET, HEAD, OPTIONS) always pass. For any other: {@code Sec-Fetch-Site: same-origin} or
 * {@code none} (the user typed it) passes, any other value is refused; without that header (older
 * browsers), an {@code Origin} whose host is not the request's {@code Host} is refused; with neither the
 * request is not from a browser (curl, scripts) and passes. Trusted origins (a front end on another host)
 * pass as they are. It runs before security, so a refused request costs no password check and its body is
 * never read: the connection is closed instead.
 */
public final class CrossOriginProtection extends OncePerRequestFilter {

    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private final Set<String> trustedOrigins;
    private final ProblemWriter problems;

    public CrossOriginProtection(Set<String> trustedOrigins, ProblemWriter problems) {
        this.trustedOrigins = Set.copyOf(trustedOrigins);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.CONNECTION, "close");
        problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "cross-origin-request",
                "Cross-origin request refused", "This browser request comes from another site, and this service "
                        + "does not take changes from other sites' pages. Send it from this service's own pages, "
                        + "or from a client that is not a browser."));
    }

    boolean allowed(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return true;
        }
        String site = request.getHeader(SEC_FETCH_SITE);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (site != null) {
            return "same-origin".equalsIgnoreCase(site) || "none".equalsIgnoreCase(site) || trusted(origin);
        }
        if (origin == null) {
            return true;
        }
        return sameHost(origin, request.getHeader(HttpHeaders.HOST)) || trusted(origin);
    }

    private boolean trusted(@Nullable String origin) {
        return origin != null && trustedOrigins.contains(origin);
    }

    private static boolean sameHost(String origin, @Nullable String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            String authority = uri.getRawAuthority();
            return uri.getScheme() != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
