package dev.statelab.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.servlet.filter.OrderedRequestContextFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Keeps work nobody uses off the hot path of file reads, where it cost about as much CPU as serving the
 * file: Spring Security's per-filter and per-check observations (for every chain, they carry no metric
 * this service publishes); the generic {@code http.server.requests} observation of the file API, whose
 * requests are counted by the service's own {@code statelab.*} metrics (the filter that would start it
 * is not run for them at all); and, for a GET or HEAD of the file API, the request-context filter, which
 * only makes the request reachable from a thread-local before Spring MVC does the same for what it
 * dispatches (the short way answers without anything that reads it).
 */
@Configuration(proxyBeanMethods = false)
class LeanObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Takes the place of Spring Boot's filter of the same kind, with the same order and convention. */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> observationFilterOutsideFileApi(ObservationRegistry registry,
                                                                                       ObservationProperties properties) {
        String name = properties.getHttp().getServer().getRequests().getName();
        ServerHttpObservationFilter filter = new ServerHttpObservationFilter(registry,
                new DefaultServerRequestObservationConvention(name)) {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return inFileApi(request);
            }
        };
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /** Takes the place of Spring Boot's request-context filter. */
    @Bean
    RequestContextFilter requestContextFilter() {
        return new OrderedRequestContextFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String method = request.getMethod();
                return ("GET".equals(method) || "HEAD".equals(method)) && inFileApi(request);
            }
        };
    }

    private static boolean inFileApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(EncodedSlashes.FILES_PREFIX, request.getContextPath().length());
    }
}
