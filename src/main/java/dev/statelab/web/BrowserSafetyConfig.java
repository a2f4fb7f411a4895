package dev.statelab.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The filters in front of security that protect every API from browsers and slow clients. */
@Configuration(proxyBeanMethods = false)
class BrowserSafetyConfig {

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    FilterRegistrationBean<CrossOriginProtection> crossOriginProtection(CrossOriginProperties properties,
                                                                      ProblemWriter problems) {
        FilterRegistrationBean<CrossOriginProtection> registration = new FilterRegistrationBean<>(
                new CrossOriginProtection(properties.trustedOrigins(), problems));
        registration.setOrder(FilterOrders.CROSS_ORIGIN);
        return registration;
    }
}
