package dev.statelab.ftp.port;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** Where the next data connection comes from: a passive listener (PASV, EPSV) or an active target (PORT, EPRT). */
interface DataSource extends AutoCloseable {

    /**
     * Opens the data connection: accepts it (passive) or connects (active), in blocking mode. A passive
     * listener accepts once and is closed whatever happens.
     *
     * @param peer the control connection's client address: a data connection from elsewhere is refused
     */
    SocketChannel open(InetAddress peer, Duration timeout) throws IOException;

    @Override
    void close();

    /** The data connection came from another address than the control connection's. */
    final class ForeignAddressException extends IOException {
        ForeignAddressException(InetAddress from) {
            super("data connection from " + from.getHostAddress() + ", not the control connection's address");
        }
    }
}
