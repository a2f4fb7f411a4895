package dev.statelab.users;

import dev.statelab.web.FilterOrders;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every protocol shares: accounts, password hashing, the credential cache and the problem bodies
 * for 401/403. Each protocol package declares its own {@link SecurityFilterChain} for its URLs (the
 * stateless API never creates a session; the FTP-style API does); this class holds the last chain, for
 * pages, API docs and actuator.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfig {

    public static final String BASIC_CHALLENGE = "Basic realm=\"statelab\", charset=\"UTF-8\"";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserAccounts userAccounts(UsersProperties properties, PasswordEncoder encoder) {
        return new UserAccounts(properties, encoder);
    }

    /** The one lockout of every password check; a shared store may replace this bean. */
    @Bean
    @ConditionalOnMissingBean(LoginThrottle.class)
    LoginThrottle loginThrottle(UsersProperties properties) {
        return new InMemoryLoginThrottle(properties.lockout(), Ticker.systemTicker());
    }

    @Bean
    VerifiedCredentials verifiedCredentials(UserAccounts accounts, PasswordEncoder encoder, UsersProperties properties) {
        return new VerifiedCredentials(new AccountPasswords(accounts, encoder),
                properties.credentialCacheTtl(), properties.credentialCacheSize());
    }

    /**
     * The one authentication manager every chain uses for user and password: the lockout first (no
     * hash for a locked user or address), then the credential cache, then the hash.
     */
    @Bean
    AuthenticationManager authenticationManager(VerifiedCredentials verifiedCredentials, LoginThrottle throttle) {
        ProviderManager manager = new ProviderManager(new ThrottledPasswordCheck(verifiedCredentials, throttle));
        // the cached Authentication is shared between requests; erasing its credentials is harmless but pointless
        manager.setEraseCredentialsAfterAuthentication(false);
        return manager;
    }

    @Bean
    ProblemResponses basicProblemResponses(JsonMapper json) {
        return new ProblemResponses(json, BASIC_CHALLENGE,
                "Send your user name and password with HTTP Basic authentication.");
    }

    /** A URL the firewall refuses (encoded slashes, '..', NUL…) gets a problem body, not an empty 400. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemResponses basicProblemResponses) {
        return (request, response, rejected) -> basicProblemResponses.write(request, response,
                HttpStatus.BAD_REQUEST, "invalid-path", "The URL contains a form that is not allowed here "
                        + "(an encoded slash, a '..' segment, a control character or similar).");
    }

    /** Pages, API docs and health are open; the other actuator endpoints need an admin. */
    @Bean
    @Order(FilterOrders.DEFAULT_CHAIN)
    SecurityFilterChain defaultChain(HttpSecurity http, AuthenticationManager manager,
                                     ProblemResponses basicProblemResponses) throws Exception {
        return StatelessBasic.configure(http, manager, basicProblemResponses)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health", "info")).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
                        .anyRequest().permitAll())
                .build();
    }
}
