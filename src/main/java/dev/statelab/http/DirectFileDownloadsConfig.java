package dev.statelab.http;

import dev.statelab.web.FilterOrders;
import dev.statelab.files.FileStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link DirectFileDownloads} just after the security filters, for the file API's URLs only. */
@Configuration(proxyBeanMethods = false)
class DirectFileDownloadsConfig {

    @Bean
    FilterRegistrationBean<DirectFileDownloads> directFileDownloads(FileStore store) {
        FilterRegistrationBean<DirectFileDownloads> registration = new FilterRegistrationBean<>(new DirectFileDownloads(store));
        registration.addUrlPatterns(EncodedSlashes.FILES_PREFIX + "*");
        registration.setOrder(FilterOrders.DIRECT_DOWNLOADS);
        return registration;
    }
}
