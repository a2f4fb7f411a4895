package dev.statelab.ftp;

import dev.statelab.store.SessionDirectory;
import dev.statelab.web.FilterOrders;
import dev.statelab.traffic.TrafficMeters;
import dev.statelab.users.ProblemResponses;
import dev.statelab.users.StatelessBasic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security for {@code /api/ftp/**}: login and the raw command line are open (the engine itself answers
 * 530 to commands before login), every other endpoint needs a live session token, and the session
 * admin endpoints need the ADMIN role. Spring Security stores nothing in the session: each request's
 * Authentication is derived from the state record by {@link SessionTokenFilter}.
 */
@Configuration(proxyBeanMethods = false)
class FtpSecurityConfig {

    @Bean
    SessionRefusal ftpSessionRefusal(JsonMapper json, SessionDirectory sessions, FtpProperties properties) {
        ProblemResponses problems = new ProblemResponses(json, FtpResponses.CHALLENGE,
                "Log in at POST /api/ftp/session (or send USER and PASS to POST /api/ftp/command) "
                        + "and send the token it answers in the X-Auth-Token header.");
        return new SessionRefusal(problems, sessions, properties.idleTimeout().toString().substring(2).toLowerCase());
    }

    @Bean
    @Order(FilterOrders.FTP_CHAIN)
    SecurityFilterChain ftpChain(HttpSecurity http, AuthenticationManager manager, SessionRefusal refusal,
                                 MeterRegistry registry) throws Exception {
        ProblemResponses problems = refusal.problems();
        Timer checks = TrafficMeters.authChecks(registry, "session");
        SessionTokenFilter tokens = new SessionTokenFilter(refusal, checks);
        // the token travels in a header a browser never adds by itself, so no CSRF token is needed
        // (cross-site requests are refused before security anyway)
        return StatelessBasic.withoutBasic(http, manager, problems)
                .securityMatcher("/api/ftp/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/ftp/session", "/api/ftp/command").permitAll()
                        .requestMatchers("/api/ftp/sessions", "/api/ftp/sessions/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .addFilterBefore(tokens, AnonymousAuthenticationFilter.class)
                // login itself opens a new session; Spring Security must not rename sessions behind our back
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.none()))
                .logout(logout -> logout.disable())
                .build();
    }
}
