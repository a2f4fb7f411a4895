package dev.statelab.ftp;

import dev.statelab.web.FilterOrders;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.statelab.files.FileStore;
import dev.statelab.ftp.engine.FtpCommandEngine;
import dev.statelab.store.SessionDirectory;
import dev.statelab.store.SessionLeases;
import dev.statelab.store.SessionStore;
import dev.statelab.store.SessionStores;
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
 * Spring Session for the FTP-style API only: sessions in the store {@code statelab.store} names (this
 * process's memory, or Redis), their id in the {@code X-Auth-Token} header, and the session filter
 * registered for {@code /api/ftp/*} alone, so the stateless API never meets a session even when a client
 * sends a token there. Boot 4 auto-configures nothing for {@code spring-session-core} on its own (that
 * lives in the {@code spring-boot-session} module, not on the class path), hence
 * {@code @EnableSpringHttpSession}.
 *
 * <p>The filters of {@code /api/ftp/*}, outermost first: {@link StoreOutage} (503 when the store is
 * unreachable, and what a lease could not give), {@link OneCommandPerSession} (the session's turn: local lock, then the store's lease),
 * Spring Session's {@link SessionRepositoryFilter} (load, and save on commit), then the security chain
 * with {@link SessionTokenFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
@EnableScheduling
class FtpSessionConfig {

    static final String FEATURE = "ftp";

    @Bean
    SessionStore ftpSessions(SessionStores stores, FtpProperties properties, JsonMapper json) {
        return stores.sessions(FEATURE, properties.idleTimeout(), new FtpStateCodec(json));
    }

    @Bean
    PortSessions ftpPortSessions(SessionStore ftpSessions, FtpProperties properties) {
        return new ControlConnectionSessions(ftpSessions, properties.idleTimeout());
    }

    @Bean
    HttpSessionIdResolver ftpSessionIdResolver() {
        return HeaderHttpSessionIdResolver.xAuthToken();
    }

    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<?>> ftpSessionFilterRegistration(SessionRepositoryFilter<?> filter) {
        FilterRegistrationBean<SessionRepositoryFilter<?>> registration = new FilterRegistrationBean<>(filter);
        registration.setUrlPatterns(List.of("/api/ftp/*"));
        registration.setOrder(FilterOrders.FTP_SESSION);
        return registration;
    }

    @Bean
    SessionLeases ftpLeases(SessionStore ftpSessions, FtpProperties properties) {
        return ftpSessions.leases(properties.leaseTtl());
    }

    @Bean
    FilterRegistrationBean<OneCommandPerSession> ftpOneCommandPerSession(FtpResponses responses, SessionLeases leases,
                                                                         FtpProperties properties) {
        FilterRegistrationBean<OneCommandPerSession> registration = new FilterRegistrationBean<>(
                new OneCommandPerSession(responses, leases, properties.commandWait()));
        registration.setUrlPatterns(List.of("/api/ftp/*"));
        registration.setOrder(FilterOrders.FTP_ONE_COMMAND);
        return registration;
    }

    @Bean
    FilterRegistrationBean<StoreOutage> ftpStoreOutage(SessionRefusal refusal, FtpResponses responses) {
        FilterRegistrationBean<StoreOutage> registration = new FilterRegistrationBean<>(new StoreOutage(refusal, responses));
        registration.setUrlPatterns(List.of("/api/ftp/*"));
        registration.setOrder(FilterOrders.FTP_STORE_OUTAGE);
        return registration;
    }

    @Bean
    ExpiredSessionPurge ftpExpiredSessionPurge(SessionStore sessions, FtpProperties properties) {
        return new ExpiredSessionPurge(sessions, properties.cleanupInterval());
    }

    @Bean
    FtpCommandEngine ftpCommandEngine(FileStore store, AuthenticationManager authenticationManager,
                                      SessionStore sessions, FtpProperties properties) {
        return new FtpCommandEngine(store,
                new AccountLogin(authenticationManager, sessions, properties.maxSessionsPerUser()),
                Clock.systemUTC());
    }

    @Bean
    FtpExchange ftpExchange(FtpCommandEngine engine, SessionStore sessions, SessionLeases leases,
                            FtpProperties properties) {
        return new FtpExchange(engine, sessions, leases, properties);
    }

    @Bean
    FtpResponses ftpResponses(JsonMapper json, FtpExchange exchange) {
        return new FtpResponses(json, exchange);
    }

    @Bean
    SessionSizes ftpSessionSizes(SessionStore sessions, MeterRegistry registry) {
        SessionSizes sizes = new SessionSizes(sessions, Clock.systemUTC(), Duration.ofSeconds(1));
        Gauge.builder("statelab.ftp.sessions.active", sessions, SessionDirectory::count)
                .description("FTP-style sessions held by the server").register(registry);
        Gauge.builder("statelab.ftp.session.state.bytes", sizes, SessionSizes::total).baseUnit("bytes")
                .description("Bytes a shared store would hold for all FTP-style sessions").register(registry);
        Gauge.builder("statelab.ftp.session.store.bytes", sizes, SessionSizes::stored).baseUnit("bytes")
                .description("Bytes the session store holds for all FTP-style sessions (Redis: MEMORY USAGE of a sample, scaled)")
                .register(registry);
        return sizes;
    }
}
