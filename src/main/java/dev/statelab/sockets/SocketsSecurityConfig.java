package dev.statelab.sockets;

import dev.statelab.users.ProblemResponses;
import dev.statelab.users.StatelessBasic;
import dev.statelab.web.FilterOrders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The lab's HTTP face needs HTTP Basic (any account), no session. The TCP and UDP ports take no login. */
@Configuration(proxyBeanMethods = false)
class SocketsSecurityConfig {

    @Bean
    @Order(FilterOrders.SOCKETS_CHAIN)
    SecurityFilterChain socketsChain(HttpSecurity http, AuthenticationManager manager,
                                     ProblemResponses basicProblemResponses) throws Exception {
        return StatelessBasic.configure(http, manager, basicProblemResponses)
                .securityMatcher("/api/sockets", "/api/sockets/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }
}
