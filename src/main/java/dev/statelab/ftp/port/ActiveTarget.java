package dev.statelab.ftp.port;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** An active data connection (PORT, EPRT): the server connects to the client's announced port. */
record ActiveTarget(InetSocketAddress target) implements DataSource {

    @Override
    public SocketChannel open(InetAddress peer, Duration timeout) throws IOException {
        if (!target.getAddress().equals(peer)) {
            throw new ForeignAddressException(target.getAddress());
        }
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().connect(target, (int) Math.max(1, timeout.toMillis()));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() {
        // nothing is held until the connection is made
    }
}
