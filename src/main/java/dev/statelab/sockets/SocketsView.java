package dev.statelab.sockets;

import java.util.List;

/**
 * The answer of {@code GET /api/sockets}: live TCP connections with both ends, recent UDP senders, and
 * what the lab runs with.
 *
 * @param threads where TCP connections run: {@code virtual} or {@code platform}
 */
record SocketsView(List<TcpConnection.View> tcp, List<UdpPeer.View> udp, Ports ports,
                   ImpairmentView udpImpairment, String threads) {

    /** The bound ports; -1 for one that is off. */
    record Ports(int tcp, int udp) {
    }
}
