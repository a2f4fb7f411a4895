package dev.statelab.relay;

import dev.statelab.web.FilterOrders;
import dev.statelab.users.ProblemResponses;
import dev.statelab.users.StatelessBasic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security for the relay's URLs: the ticket needs HTTP Basic; the WebSocket handshake is open to
 * anonymous clients and takes Basic credentials when a client sends them (wrong ones get 401).
 * Stateless: the open socket is the relay's only session.
 */
@Configuration(proxyBeanMethods = false)
class RelaySecurityConfig {

    @Bean
    @Order(FilterOrders.RELAY_CHAIN)
    SecurityFilterChain relayChain(HttpSecurity http, AuthenticationManager manager,
                                   ProblemResponses basicProblemResponses) throws Exception {
        return StatelessBasic.configure(http, manager, basicProblemResponses)
                .securityMatcher("/api/relay/**", "/ws/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/relay/**").authenticated()
                        .anyRequest().permitAll())
                .build();
    }
}
