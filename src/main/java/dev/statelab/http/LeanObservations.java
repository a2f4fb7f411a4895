package dev.statelab.http;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Keeps the observation machinery off the hot path of small file requests, where it cost about as much
 * CPU as serving the file: Spring Security's per-filter and per-check observations (for every chain,
 * they carry no metric this service publishes), and the generic {@code http.server.requests} observation
 * of the file API's requests, which are counted by the service's own {@code statelab.*} metrics.
 */
@Configuration(proxyBeanMethods = false)
class LeanObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ObservationPredicate noServerObservationForFileRequests() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null
                && request.getCarrier().getRequestURI().startsWith(EncodedSlashes.FILES_PREFIX));
    }
}
