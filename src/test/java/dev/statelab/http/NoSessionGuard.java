package dev.statelab.http;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * A servlet filter for tests, placed just inside Spring Session's filter (so it sees whichever session
 * mechanism the application uses) and around everything else: after each stateless API request it
 * records any session that exists and any cookie set.
 */
@TestConfiguration(proxyBeanMethods = false)
class NoSessionGuard {

    static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    @Bean
    FilterRegistrationBean<Filter> noSessionGuardFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Guard());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        registration.addUrlPatterns("/api/http/*");
        return registration;
    }

    private static final class Guard implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            try {
                chain.doFilter(req, res);
            } finally {
                if (request.getSession(false) != null) {
                    VIOLATIONS.add("session created by " + request.getMethod() + " " + request.getRequestURI());
                }
                if (!response.getHeaders("Set-Cookie").isEmpty()) {
                    VIOLATIONS.add("Set-Cookie sent by " + request.getMethod() + " " + request.getRequestURI());
                }
            }
        }
    }
}
