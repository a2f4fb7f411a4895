package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The guard the API tests rely on does notice a session or a cookie. */
class NoSessionGuardTest {

    private final Filter guard = new NoSessionGuard().noSessionGuardFilter().getFilter();

    @AfterEach
    void forget() {
        NoSessionGuard.VIOLATIONS.clear();
    }

    @Test
    void aSessionCreatedDownTheChainIsRecorded() throws Exception {
        guard.doFilter(new MockHttpServletRequest("GET", "/api/http/files/"), new MockHttpServletResponse(),
                (request, response) -> ((jakarta.servlet.http.HttpServletRequest) request).getSession(true));
        assertThat(NoSessionGuard.VIOLATIONS).singleElement().asString().startsWith("session created");
    }

    @Test
    void aCookieSetDownTheChainIsRecorded() throws Exception {
        guard.doFilter(new MockHttpServletRequest("GET", "/api/http/files/"), new MockHttpServletResponse(),
                (request, response) -> ((jakarta.servlet.http.HttpServletResponse) response).addHeader("Set-Cookie", "a=b"));
        assertThat(NoSessionGuard.VIOLATIONS).singleElement().asString().startsWith("Set-Cookie");
    }

    @Test
    void aStatelessRequestLeavesNoTrace() throws Exception {
        guard.doFilter(new MockHttpServletRequest("GET", "/api/http/files/"), new MockHttpServletResponse(), (request, response) -> { });
        assertThat(NoSessionGuard.VIOLATIONS).isEmpty();
    }
}
