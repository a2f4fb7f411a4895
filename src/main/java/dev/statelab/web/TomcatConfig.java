package dev.statelab.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the servlet container itself answers: errors before any servlet runs as problem bodies, and a
 * request body left unread closes its connection rather than being read to the end.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** The socket buffers direct or on the heap ({@link ConnectorProperties#directBuffers()}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> socketBuffers(ConnectorProperties connector) {
        return factory -> factory.addConnectorCustomizers(tomcat -> tomcat.setProperty("socket.directBuffer",
                String.valueOf(connector.directBuffers())));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> unreadBodiesCloseTheConnection() {
        return factory -> factory.addEngineValves(new UnreadBodyValve());
    }
}
