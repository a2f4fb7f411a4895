package dev.statelab.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Lets a nested path arrive as one percent-encoded segment ({@code docs%2Fa.txt}), which is what Swagger
 * UI sends for a path parameter. Tomcat passes {@code %2F} through undecoded instead of refusing it, and
 * the firewall allows it under {@code /api/http/files/} only; everywhere else it is still refused.
 * It stays safe because the segment is decoded once, by Spring MVC, into a path that
 * {@code UserPath.parse} checks like any other: {@code ..%2F..} becomes {@code ../..} and is refused.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashes {

    static final String FILES_PREFIX = "/api/http/files/";

    @Bean
    TomcatConnectorCustomizer encodedSlashPassThrough() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            // answer "100 Continue" only once the body is read, so a refused upload (413, 412, 401)
            // is refused before the client sends it
            connector.setProperty("continueResponseTiming", "onRead");
        };
    }

    @Bean
    HttpFirewall httpFirewall() {
        return new FilesApiFirewall();
    }

    /** The strict firewall everywhere, with encoded slashes allowed only in the file API's paths. */
    static final class FilesApiFirewall implements HttpFirewall {

        private final StrictHttpFirewall strict = new StrictHttpFirewall();
        private final StrictHttpFirewall files = new StrictHttpFirewall();

        FilesApiFirewall() {
            for (StrictHttpFirewall firewall : new StrictHttpFirewall[] {strict, files}) {
                firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
                firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
            }
            files.setAllowUrlEncodedSlash(true);
            // Tomcat leaves %2F undecoded, so the decoded path holds a '%' the default firewall refuses;
            // a name that still holds an escape after Spring MVC's one decoding is refused by UserPath
            files.setAllowUrlEncodedPercent(true);
        }

        @Override
        public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return (path.startsWith(FILES_PREFIX) ? files : strict).getFirewalledRequest(request);
        }

        @Override
        public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
            return strict.getFirewalledResponse(response);
        }
    }
}
