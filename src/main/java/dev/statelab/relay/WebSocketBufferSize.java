package dev.statelab.relay;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies {@code statelab.relay.websocket-buffer-size} to Tomcat. Tomcat sizes the input, output and
 * encoder buffers of every WebSocket from one JVM-wide system property that it reads once, when its
 * WebSocket classes load; so it is set here, while the application's settings are being read and before
 * anything starts Tomcat. A JVM started with {@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}
 * keeps its own value. Registered in {@code META-INF/spring.factories}.
 */
public final class WebSocketBufferSize implements EnvironmentPostProcessor {

    static final String TOMCAT_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(TOMCAT_PROPERTY) != null) {
            return;
        }
        RelayProperties relay = Binder.get(environment).bindOrCreate("statelab.relay", Bindable.of(RelayProperties.class));
        System.setProperty(TOMCAT_PROPERTY, String.valueOf(relay.websocketBufferSize().toBytes()));
    }
}
