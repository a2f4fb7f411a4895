package dev.statelab.compare;

import dev.statelab.web.FilterOrders;
import dev.statelab.users.ProblemResponses;
import dev.statelab.users.StatelessBasic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The comparison endpoints: HTTP Basic (the runner reuses those credentials), admins only, no session. */
@Configuration(proxyBeanMethods = false)
class CompareSecurityConfig {

    @Bean
    @Order(FilterOrders.COMPARE_CHAIN)
    SecurityFilterChain compareChain(HttpSecurity http, AuthenticationManager manager,
                                     ProblemResponses basicProblemResponses) throws Exception {
        return StatelessBasic.configure(http, manager, basicProblemResponses)
                .securityMatcher("/api/compare/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .build();
    }
}
