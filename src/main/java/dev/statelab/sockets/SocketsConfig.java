package dev.statelab.sockets;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lab's two listeners, started and stopped with the application, and the burst client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SocketsProperties.class)
class SocketsConfig {

    @Bean
    SocketsMetrics socketsMetrics(MeterRegistry registry) {
        return new SocketsMetrics(registry);
    }

    @Bean
    TcpEchoServer tcpEchoServer(SocketsProperties properties, SocketsMetrics metrics) {
        return new TcpEchoServer(properties, metrics);
    }

    @Bean
    UdpEchoServer udpEchoServer(SocketsProperties properties, SocketsMetrics metrics) {
        return new UdpEchoServer(properties, metrics);
    }

    @Bean
    NumberedBurst numberedBurst(TcpEchoServer tcp, UdpEchoServer udp, SocketsProperties properties) {
        return new NumberedBurst(tcp, udp, properties);
    }
}
