package dev.statelab.ftp.port;

import java.util.Map;

import dev.statelab.ftp.PortSessions;
import dev.statelab.ftp.engine.FtpCommandEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** The FTP control port as a bean, over the same engine and session list as the HTTP faces. */
@Configuration(proxyBeanMethods = false)
class FtpPortConfig {

    @Bean
    FtpPortServer ftpPortServer(FtpCommandEngine engine, PortSessions sessions, FtpPortProperties properties,
                                MeterRegistry registry, ConfigurableEnvironment environment) {
        FtpPortServer server = new FtpPortServer(engine, sessions, properties, registry);
        // as local.server.port does for HTTP: the port really bound, for those that connect to it
        server.onStarted(port -> environment.getPropertySources().addFirst(
                new MapPropertySource("ftpPort", Map.of("local.ftp.port", port))));
        return server;
    }
}
