package dev.statelab.compare;

import dev.statelab.users.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** The comparison endpoints: HTTP Basic (the runner reuses those credentials), admins only, no session. */
@Configuration
class CompareSecurityConfig {

    @Bean
    @Order(40)
    SecurityFilterChain compareChain(HttpSecurity http, AuthenticationManager manager,
                                     ProblemResponses basicProblemResponses) throws Exception {
        return http
                .securityMatcher("/api/compare/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(basicProblemResponses))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(basicProblemResponses)
                        .accessDeniedHandler(basicProblemResponses))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }
}
