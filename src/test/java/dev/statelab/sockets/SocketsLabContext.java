package dev.statelab.sockets;

import org.springframework.boot.test.context.SpringBootTest;

/** One application for the lab's API and page tests (Spring starts it once): a fixed seed, a long reorder hold. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.sockets.udp.seed=42",
        "statelab.sockets.udp.reorder-hold=3s",
        "statelab.sockets.udp.datagrams-per-second=5000",
        "statelab.sockets.udp.datagram-burst=5000"})
abstract class SocketsLabContext extends SocketsTestBase {
}
