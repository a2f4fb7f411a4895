package dev.statelab.users;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * The part every stateless filter chain shares: HTTP Basic through the given accounts check, 401 and 403
 * as problem bodies, and nothing kept between requests: no session, no saved request, and so no CSRF
 * token either (there is no cookie a browser could replay). Each chain adds its own URLs and rules.
 */
public final class StatelessBasic {

    private StatelessBasic() {
    }

    public static HttpSecurity configure(HttpSecurity http, AuthenticationManager manager,
                                         ProblemResponses problems) throws Exception {
        return withoutBasic(http, manager, problems)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems));
    }

    /**
     * The same without HTTP Basic, for a chain that authenticates its own way (the FTP-style API's
     * session token): problem bodies, no session kept by Spring Security, no saved request, no CSRF token.
     */
    public static HttpSecurity withoutBasic(HttpSecurity http, AuthenticationManager manager,
                                            ProblemResponses problems) throws Exception {
        return http
                .authenticationManager(manager)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
    }
}
