package dev.statelab.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the traffic counter in front of everything, security included, so refused requests count too. */
@Configuration(proxyBeanMethods = false)
class ApiTrafficConfig {

    @Bean
    FilterRegistrationBean<ApiTrafficFilter> apiTrafficFilter(MeterRegistry registry) {
        FilterRegistrationBean<ApiTrafficFilter> registration = new FilterRegistrationBean<>(new ApiTrafficFilter(registry));
        registration.addUrlPatterns("/api/http/*", "/api/ftp/*");
        registration.setOrder(FilterOrders.API_TRAFFIC);
        return registration;
    }
}
