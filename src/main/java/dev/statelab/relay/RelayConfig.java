package dev.statelab.relay;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.statelab.store.RoomStores;
import dev.statelab.store.SharedRooms;
import dev.statelab.store.TicketBooks;
import dev.statelab.users.UserAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import tools.jackson.databind.json.JsonMapper;

/** Wires the relay: the {@link Relay} (in memory, or shared through the store), the handler at {@code /ws/chat} and its limits. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(RelayProperties.class)
class RelayConfig {

    // binary frames are refused with 1003 on their first part, so the buffer only needs to exist
    private static final int MAX_BINARY_MESSAGE = 128;
    // Tomcat allocates its text buffer for every session up front; text arrives in parts of this size
    // and ChatHandler joins them up to max-message-size, so only a message in progress costs more
    private static final int TEXT_PART = 512;

    /** In this process, or in the shared store when {@code statelab.store=redis} provides one. */
    @Bean
    Relay relay(RelayProperties properties, ObjectProvider<RoomStores> shared, JsonMapper json) {
        RoomStores stores = shared.getIfAvailable();
        if (stores == null) {
            return new InMemoryRelay(properties);
        }
        return new SharedRelay(stores.rooms(properties.historySize(),
                new SharedRooms.Lifetimes(properties.presenceTtl(), properties.emptyRoomTtl())), json, properties);
    }

    @Bean
    RelayTickets relayTickets(TicketBooks books, RelayProperties properties) {
        return new RelayTickets(books.book("relay", properties.ticketTtl()));
    }

    @Bean
    RelayMetrics relayMetrics(MeterRegistry registry, Relay relay) {
        return new RelayMetrics(registry, relay);
    }

    @Bean
    ChatHandler chatHandler(Relay relay, JsonMapper json, RelayMetrics metrics, RelayProperties properties,
                            UserAccounts accounts) {
        Frames frames = new Frames(json);
        ChatProtocol protocol = new ChatProtocol(relay, frames, metrics, properties, new NewRoomQuota(properties),
                accounts.names());
        return new ChatHandler(protocol, frames, metrics, properties, sendExecutor());
    }

    @Bean
    Heartbeat relayHeartbeat(ChatHandler handler, Relay relay, RelayProperties properties) {
        return new Heartbeat(handler, relay, properties);
    }

    @Bean
    RelayShutdown relayShutdown(ChatHandler handler) {
        return new RelayShutdown(handler);
    }

    @Bean
    WebSocketConfigurer chatEndpoint(ChatHandler handler, RelayTickets tickets, RelayProperties properties) {
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(handler, "/ws/chat")
                .setHandshakeHandler(new DefaultHandshakeHandler(new HandshakeWithoutHeaders()))
                .addInterceptors(new RelayIdentity(tickets))
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    /** The servlet container's per-session buffers; the message size limit itself is ChatHandler's. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(RelayProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize((int) Math.min(TEXT_PART, properties.maxMessageSize().toBytes()));
        container.setMaxBinaryMessageBufferSize(MAX_BINARY_MESSAGE);
        return container;
    }

    /**
     * Tomcat's per-socket buffers, only when {@code statelab.relay.socket-buffer-size} is set. (Its
     * WebSocket buffers are sized by {@link WebSocketBufferSize}, before the application starts.)
     */
    @Bean
    TomcatConnectorCustomizer relaySocketBuffers(RelayProperties properties) {
        return connector -> {
            if (properties.socketBufferSize() != null) {
                String size = String.valueOf(properties.socketBufferSize().toBytes());
                connector.setProperty("socket.appReadBufSize", size);
                connector.setProperty("socket.appWriteBufSize", size);
            }
        };
    }

    /**
     * Where outboxes drain. A write to a stuck client holds its thread until the send-time limit, so the
     * pool must not run dry when some clients hang: virtual threads where the JVM has them, otherwise a
     * pool that grows on demand.
     */
    private static Executor sendExecutor() {
        if (Runtime.version().feature() >= 21) {
            SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor("relay-send-");
            virtual.setVirtualThreads(true);
            return virtual;
        }
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(2, 2048, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "relay-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
