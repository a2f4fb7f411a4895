package dev.statelab.ftp.port;

import dev.statelab.ftp.PortSessions;
import dev.statelab.ftp.engine.FtpCommandEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FTP control port as a bean, over the same engine and session list as the HTTP faces. */
@Configuration
class FtpPortConfig {

    @Bean
    FtpPortServer ftpPortServer(FtpCommandEngine engine, PortSessions sessions, FtpPortProperties properties,
                                MeterRegistry registry) {
        return new FtpPortServer(engine, sessions, properties, registry);
    }
}
