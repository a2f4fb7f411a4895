package dev.statelab.http;

import dev.statelab.web.FilterOrders;
import dev.statelab.files.FileStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;

/** Puts {@link DirectFileDownloads} in its two places, for the file API's URLs only. */
@Configuration(proxyBeanMethods = false)
class DirectFileDownloadsConfig {

    @Bean
    FilterRegistrationBean<DirectFileDownloads> directFileDownloadsBeforeSecurity(
            FileStore store, HttpFirewall firewall, RequestRejectedHandler rejected, StatelessLogin login,
            @Qualifier("statelessApiChain") SecurityFilterChain statelessApiChain) {
        HeaderWriterFilter headers = statelessApiChain.getFilters().stream()
                .filter(HeaderWriterFilter.class::isInstance).map(HeaderWriterFilter.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("the stateless chain writes no security headers"));
        return registration(DirectFileDownloads.beforeSecurity(store,
                new DirectFileDownloads.AheadOfTheChain(firewall, rejected, login, headers)),
                "directFileDownloadsBeforeSecurity", FilterOrders.DIRECT_DOWNLOADS_BEFORE_SECURITY);
    }

    @Bean
    FilterRegistrationBean<DirectFileDownloads> directFileDownloadsAfterSecurity(FileStore store) {
        return registration(DirectFileDownloads.afterSecurity(store), "directFileDownloadsAfterSecurity",
                FilterOrders.DIRECT_DOWNLOADS_AFTER_SECURITY);
    }

    private static FilterRegistrationBean<DirectFileDownloads> registration(DirectFileDownloads filter, String name,
                                                                            int order) {
        FilterRegistrationBean<DirectFileDownloads> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.addUrlPatterns(EncodedSlashes.FILES_PREFIX + "*");
        registration.setOrder(order);
        return registration;
    }
}
