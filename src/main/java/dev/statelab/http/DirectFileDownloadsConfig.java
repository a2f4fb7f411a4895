package dev.statelab.http;

import dev.statelab.files.FileStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link DirectFileDownloads} just after the security filters, for the file API's URLs only. */
@Configuration(proxyBeanMethods = false)
class DirectFileDownloadsConfig {

    /** After Spring Security's filter chain (order -100), so every request it sees is authenticated. */
    static final int ORDER = 0;

    @Bean
    FilterRegistrationBean<DirectFileDownloads> directFileDownloads(FileStore store) {
        FilterRegistrationBean<DirectFileDownloads> registration = new FilterRegistrationBean<>(new DirectFileDownloads(store));
        registration.addUrlPatterns(EncodedSlashes.FILES_PREFIX + "*");
        registration.setOrder(ORDER);
        return registration;
    }
}
