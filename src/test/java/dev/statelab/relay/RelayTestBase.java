package dev.statelab.relay;

import java.nio.file.Path;

import dev.statelab.support.TemporaryStorage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One application context for every relay test on a real port, with limits small enough to reach. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.users.accounts.alice.password={noop}secret",
        "statelab.relay.max-message-size=64KB",
        "statelab.relay.max-text-length=60000",
        "statelab.relay.messages-per-second=100",
        "statelab.relay.burst=400",
        "statelab.relay.send-time-limit=3s",
        "statelab.relay.send-buffer-limit=256KB",
        "statelab.relay.ping-interval=1s",
        "statelab.relay.pong-timeout=30s",
        // every test client comes from 127.0.0.1; RoomsPerAddressTest tries this limit on its own
        "statelab.relay.new-rooms-per-address=100000"})
abstract class RelayTestBase {

    private static final Path STORAGE = TemporaryStorage.create("statelab-relay-test-");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", STORAGE::toString);
    }
}
