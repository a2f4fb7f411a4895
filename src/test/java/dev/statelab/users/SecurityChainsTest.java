package dev.statelab.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * The six security chains, from the application context: which chain answers which URL, in which
 * order, and what each one does (Basic, bearer, the session token) and never does (CSRF tokens).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"statelab.ftp.port=-1", "statelab.sockets.tcp-port=-1", "statelab.sockets.udp-port=-1",
        "statelab.storage.root=${java.io.tmpdir}/statelab-chains-test"})
class SecurityChainsTest {

    @Autowired
    FilterChainProxy security;

    @Test
    void thereAreSixChainsAndTheCatchAllComesLast() {
        List<SecurityFilterChain> chains = security.getFilterChains();
        assertThat(chains).hasSize(6);
        assertThat(chainFor("/index.html")).isSameAs(chains.get(chains.size() - 1));
    }

    @Test
    void eachApiIsAnsweredByItsOwnChain() {
        SecurityFilterChain stateless = chainFor("/api/http/files/a.txt");
        SecurityFilterChain ftp = chainFor("/api/ftp/pwd");
        SecurityFilterChain compare = chainFor("/api/compare/runs");
        SecurityFilterChain relay = chainFor("/ws/chat");
        SecurityFilterChain sockets = chainFor("/api/sockets");
        SecurityFilterChain rest = chainFor("/actuator/metrics");
        assertThat(List.of(stateless, ftp, compare, relay, sockets, rest)).doesNotHaveDuplicates();
        assertThat(chainFor("/api/sockets/burst")).isSameAs(sockets);
        assertThat(chainFor("/api/relay/ticket")).isSameAs(relay);
        assertThat(chainFor("/api/http/token")).isSameAs(stateless);
    }

    @Test
    void theStatelessApiTakesBasicAndBearerAndTheFtpStyleApiNeither() {
        assertThat(has(chainFor("/api/http/files/a"), BasicAuthenticationFilter.class)).isTrue();
        assertThat(has(chainFor("/api/http/files/a"), BearerTokenAuthenticationFilter.class)).isTrue();
        assertThat(has(chainFor("/api/ftp/pwd"), BasicAuthenticationFilter.class)).isFalse();
        assertThat(chainFor("/api/ftp/pwd").getFilters()).anyMatch(f -> f.getClass().getSimpleName().equals("SessionTokenFilter"));
        assertThat(has(chainFor("/api/compare/runs"), BasicAuthenticationFilter.class)).isTrue();
        assertThat(has(chainFor("/ws/chat"), BasicAuthenticationFilter.class)).isTrue();
    }

    @Test
    void noChainUsesCsrfTokensSinceCrossSiteRequestsAreRefusedBeforeSecurity() {
        for (SecurityFilterChain chain : security.getFilterChains()) {
            assertThat(has(chain, CsrfFilter.class)).isFalse();
        }
    }

    private SecurityFilterChain chainFor(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        return security.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst().orElseThrow();
    }

    private static boolean has(SecurityFilterChain chain, Class<? extends Filter> type) {
        return chain.getFilters().stream().anyMatch(type::isInstance);
    }
}
