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

    /**
     * Each connection's two 8 KiB socket buffers are direct (off the heap): the bytes are the same, but an
     * idle WebSocket then costs the garbage collector little, and the JDK needs no temporary direct buffer
     * per socket read or write.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> directSocketBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("socket.directBuffer", "true"));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> unreadBodiesCloseTheConnection() {
        return factory -> factory.addEngineValves(new UnreadBodyValve());
    }
}
