package dev.statelab.ftp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.statelab.files.FileStore;
import dev.statelab.ftp.engine.FtpCommandEngine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.HeaderHttpSessionIdResolver;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Session for the FTP-style API only: sessions in memory ({@link InMemorySessions}, a
 * {@code MapSessionRepository} over a map of our own), their id in the {@code X-Auth-Token} header, and
 * the session filter registered for {@code /api/ftp/*} alone, so the stateless API never meets a session
 * even when a client sends a token there. Boot 4 auto-configures nothing for {@code spring-session-core}
 * on its own (that lives in the {@code spring-boot-session} module, not on the class path), hence
 * {@code @EnableSpringHttpSession}.
 */
@Configuration
@EnableSpringHttpSession
@EnableScheduling
class FtpSessionConfig {

    @Bean
    InMemorySessions ftpSessions(FtpProperties properties) {
        return new InMemorySessions(properties.idleTimeout());
    }

    @Bean
    PortSessions ftpPortSessions(InMemorySessions sessions) {
        return new ControlConnectionSessions(sessions);
    }

    @Bean
    HttpSessionIdResolver ftpSessionIdResolver() {
        return HeaderHttpSessionIdResolver.xAuthToken();
    }

    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<?>> ftpSessionFilterRegistration(SessionRepositoryFilter<?> filter) {
        FilterRegistrationBean<SessionRepositoryFilter<?>> registration = new FilterRegistrationBean<>(filter);
        registration.setUrlPatterns(List.of("/api/ftp/*"));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OneCommandPerSession> ftpOneCommandPerSession(FtpResponses responses,
                                                                         FtpProperties properties) {
        FilterRegistrationBean<OneCommandPerSession> registration = new FilterRegistrationBean<>(
                new OneCommandPerSession(responses, properties.commandWait()));
        registration.setUrlPatterns(List.of("/api/ftp/*"));
        // outside the session filter: a request's whole load, command and save is one turn
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }

    @Bean
    FtpCommandEngine ftpCommandEngine(FileStore store, AuthenticationManager authenticationManager,
                                      InMemorySessions sessions, FtpProperties properties) {
        LoginThrottle throttle = new LoginThrottle(properties.lockout(), LoginThrottle.systemTicker());
        return new FtpCommandEngine(store,
                new AccountLogin(authenticationManager, throttle, sessions, properties.maxSessionsPerUser()),
                Clock.systemUTC());
    }

    @Bean
    FtpExchange ftpExchange(FtpCommandEngine engine, InMemorySessions sessions, FtpProperties properties) {
        return new FtpExchange(engine, sessions, properties);
    }

    @Bean
    FtpResponses ftpResponses(JsonMapper json, FtpExchange exchange) {
        return new FtpResponses(json, exchange);
    }

    @Bean
    SessionSizes ftpSessionSizes(InMemorySessions sessions, MeterRegistry registry) {
        SessionSizes sizes = new SessionSizes(sessions, Clock.systemUTC(), Duration.ofSeconds(1));
        Gauge.builder("statelab.ftp.sessions.active", sessions, SessionDirectory::count)
                .description("FTP-style sessions held by the server").register(registry);
        Gauge.builder("statelab.ftp.session.state.bytes", sizes, SessionSizes::total).baseUnit("bytes")
                .description("Bytes a shared store would hold for all FTP-style sessions").register(registry);
        return sizes;
    }
}
