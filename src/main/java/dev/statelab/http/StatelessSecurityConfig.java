package dev.statelab.http;

import dev.statelab.web.FilterOrders;
import dev.statelab.users.ProblemResponses;
import dev.statelab.users.SecurityConfig;
import dev.statelab.users.StatelessBasic;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security of the stateless API: every request proves who sent it, with HTTP Basic or a signed
 * bearer token, and nothing is kept between requests: no session, no cookie, no saved request, and so
 * no CSRF token either (there is no ambient credential a browser could replay).
 */
@Configuration(proxyBeanMethods = false)
class StatelessSecurityConfig {

    static final String PATHS = "/api/http/**";
    static final String ROLES_CLAIM = "roles";

    /** The Basic login this chain and the short way for downloads share, timed as {@code statelab.auth.checks{kind=basic}}. */
    @Bean
    StatelessLogin statelessLogin(AuthenticationManager authenticationManager, MeterRegistry meters,
                                  ProblemResponses basicProblemResponses) {
        return new StatelessLogin(AuthChecks.timed(authenticationManager, AuthChecks.timer(meters, AuthChecks.BASIC)),
                basicProblemResponses);
    }

    /** Before the default last chain of {@link SecurityConfig}. */
    @Bean
    @Order(FilterOrders.STATELESS_CHAIN)
    SecurityFilterChain statelessApiChain(HttpSecurity http, StatelessLogin login, JwtDecoder jwtDecoder,
                                          JsonMapper json) throws Exception {
        ProblemResponses bearerProblems = new ProblemResponses(json,
                "Bearer realm=\"statelab\", error=\"invalid_token\"",
                "The bearer token is expired, was altered or is not one of ours; ask for a new one at "
                        + "POST /api/http/token.");
        return StatelessBasic.configure(http, login.passwordCheck(), login.problems())
                .securityMatcher(PATHS)
                // a login the short way for downloads checked already is found here and not checked again
                .securityContext(context -> context.securityContextRepository(login.contexts()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.authenticationManager(bearerManager(jwtDecoder)))
                        .authenticationEntryPoint(bearerProblems)
                        .accessDeniedHandler(login.problems()))
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                .build();
    }

    private static AuthenticationManager bearerManager(JwtDecoder decoder) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return new ProviderManager(provider);
    }
}
