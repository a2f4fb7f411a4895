package dev.statelab.ftp.port;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** A passive data port: listens on one port picked at random from the range, for exactly one connection. */
final class PassiveListener implements DataSource {

    private final ServerSocketChannel channel;

    private PassiveListener(ServerSocketChannel channel) {
        this.channel = channel;
    }

    /** Binds a free port of the range on {@code address}; null when every port of the range is taken. */
    static @Nullable PassiveListener open(InetAddress address, PortRange range) throws IOException {
        for (int port : range.shuffled()) {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.bind(new InetSocketAddress(address, port), 1);
                return new PassiveListener(channel);
            } catch (BindException e) {
                channel.close();
            }
        }
        return null;
    }

    int port() {
        return channel.socket().getLocalPort();
    }

    @Override
    public SocketChannel open(InetAddress peer, Duration timeout) throws IOException {
        try {
            channel.socket().setSoTimeout((int) Math.max(1, timeout.toMillis()));
            SocketChannel accepted;
            try {
                accepted = channel.socket().accept().getChannel();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no data connection arrived within " + timeout.toSeconds() + " s");
            }
            InetAddress from = ((InetSocketAddress) accepted.getRemoteAddress()).getAddress();
            if (!from.equals(peer)) {
                accepted.close();
                throw new ForeignAddressException(from);
            }
            return accepted;
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do with a listener that will not close
        }
    }
}
