package dev.statelab.ftp.port;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import dev.statelab.ftp.engine.FtpReply;
import org.jspecify.annotations.Nullable;

/**
 * PASV, EPSV, PORT and EPRT: how the next data connection will be made. Passive ports come from the
 * range at random; active mode is off unless enabled, and then only to the client's own address and to
 * ports from 1024 up, which closes the FTP bounce attack (RFC 2577).
 */
final class DataCommands {

    private final FtpPortProperties properties;
    private final PortRange range;

    DataCommands(FtpPortProperties properties) {
        this.properties = properties;
        this.range = properties.passiveRange();
    }

    /** What a data-setup command answers, and the source it set up (null when refused). */
    record Setup(FtpReply reply, @Nullable DataSource source) {
        static Setup refused(int code, String text) {
            return new Setup(FtpReply.of(code, text), null);
        }
    }

    Setup passive(InetAddress local, boolean extended) throws IOException {
        InetAddress announced = local;
        if (!extended) {
            if (properties.passiveAddress() != null && !properties.passiveAddress().isBlank()) {
                announced = InetAddress.getByName(properties.passiveAddress().trim());
            }
            if (!(announced instanceof Inet4Address)) {
                return Setup.refused(425, "PASV announces IPv4 addresses only: use EPSV");
            }
        }
        PassiveListener listener = PassiveListener.open(local, range);
        if (listener == null) {
            return Setup.refused(425, "Can't open data connection: every passive port of "
                    + properties.passivePorts() + " is in use");
        }
        int port = listener.port();
        if (extended) {
            return new Setup(FtpReply.of(229, "Entering Extended Passive Mode (|||" + port + "|)"), listener);
        }
        byte[] a = announced.getAddress();
        String numbers = (a[0] & 0xff) + "," + (a[1] & 0xff) + "," + (a[2] & 0xff) + "," + (a[3] & 0xff) + ","
                + (port >> 8) + "," + (port & 0xff);
        return new Setup(FtpReply.of(227, "Entering Passive Mode (" + numbers + ")."), listener);
    }

    /** PORT {@code h1,h2,h3,h4,p1,p2} (RFC 959) or EPRT {@code |1|address|port|} (RFC 2428). */
    Setup active(String verb, String argument, InetAddress peer) {
        if (!properties.activeMode()) {
            return Setup.refused(502, verb + " is refused here (active mode is off): use PASV or EPSV");
        }
        InetSocketAddress target = verb.equals("PORT") ? port(argument) : eprt(argument);
        if (target == null) {
            return Setup.refused(501, "Syntax error in parameters: " + (verb.equals("PORT")
                    ? "PORT h1,h2,h3,h4,p1,p2" : "EPRT |1|address|port|"));
        }
        if (!target.getAddress().equals(peer)) {
            return Setup.refused(501, "Rejected data connection to another address than yours");
        }
        if (target.getPort() < 1024) {
            return Setup.refused(501, "Rejected data connection to a privileged port (below 1024)");
        }
        return new Setup(FtpReply.of(200, verb + " command successful"), new ActiveTarget(target));
    }

    private static @Nullable InetSocketAddress port(String argument) {
        String[] parts = argument.trim().split(",");
        if (parts.length != 6) {
            return null;
        }
        try {
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                address[i] = (byte) octet(parts[i]);
            }
            int port = octet(parts[4]) * 256 + octet(parts[5]);
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }

    private static int octet(String part) {
        int value = Integer.parseInt(part.trim());
        if (value < 0 || value > 255) {
            throw new NumberFormatException(part);
        }
        return value;
    }

    private static @Nullable InetSocketAddress eprt(String argument) {
        String text = argument.trim();
        if (text.length() < 7) {
            return null;
        }
        String delimiter = text.substring(0, 1);
        String[] parts = text.substring(1).split(java.util.regex.Pattern.quote(delimiter), -1);
        if (parts.length < 3 || !(parts[0].equals("1") || parts[0].equals("2"))) {
            return null;
        }
        try {
            int port = Integer.parseInt(parts[2]);
            // a literal address only: no name lookups on a client's say-so
            if (!parts[1].matches("[0-9a-fA-F:.]+") || port < 1 || port > 65535) {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByName(parts[1]), port);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }
}
