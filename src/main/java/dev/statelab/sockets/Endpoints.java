package dev.statelab.sockets;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** A process address as the lesson writes it: IP:port, with brackets around an IPv6 address. */
final class Endpoints {

    private Endpoints() {
    }

    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return format(inet.getAddress(), inet.getPort());
        }
        return String.valueOf(address);
    }

    static String format(InetAddress ip, int port) {
        String host = ip.getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
