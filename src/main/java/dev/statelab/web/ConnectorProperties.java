package dev.statelab.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the HTTP connector holds its connections.
 *
 * @param directBuffers each connection's two socket buffers (8 KiB each) are direct, outside the heap: an
 *                      idle WebSocket then holds about 15 KiB of heap instead of 31, the collector does not
 *                      walk the buffers, and they count against {@code -XX:MaxDirectMemorySize} instead;
 *                      {@code false} keeps them on the heap, Tomcat's default
 */
@ConfigurationProperties("statelab.web.connector")
public record ConnectorProperties(@DefaultValue("true") boolean directBuffers) {
}
