package dev.statelab.ftp.port;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A control connection typed by hand, as telnet would: for what a polite client library never sends. */
final class RawControl implements Closeable {

    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");

    final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    final String greeting;

    RawControl(String host, int port) throws IOException {
        this(null, host, port);
    }

    /** A connection from a chosen local address (127.0.0.3 is another client on the same machine). */
    RawControl(@org.jspecify.annotations.Nullable String from, String host, int port) throws IOException {
        socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(15_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        greeting = reply();
    }

    static RawControl loggedIn(int port, String user, String password) throws IOException {
        RawControl control = new RawControl("127.0.0.1", port);
        control.command("USER " + user);
        String pass = control.command("PASS " + password);
        if (!pass.startsWith("230")) {
            throw new AssertionError(pass);
        }
        return control;
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    String command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** One whole reply; a multi-line one comes back with its lines joined by newlines. */
    String reply() throws IOException {
        String first = in.readLine();
        if (first == null) {
            return "EOF";
        }
        if (first.length() < 4 || first.charAt(3) != '-') {
            return first;
        }
        List<String> lines = new ArrayList<>(List.of(first));
        String end = first.substring(0, 3) + " ";
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(end)) {
                break;
            }
        }
        return String.join("\n", lines);
    }

    /** EPSV, then a data connection from {@code from} (null: any local address). */
    Socket epsvData(InetAddress from) throws IOException {
        String reply = command("EPSV");
        Matcher port = EPSV.matcher(reply);
        if (!port.find()) {
            throw new AssertionError(reply);
        }
        Socket data = new Socket();
        data.bind(new InetSocketAddress(from, 0));
        data.connect(new InetSocketAddress(socket.getInetAddress(), Integer.parseInt(port.group(1))), 5000);
        data.setSoTimeout(15_000);
        return data;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
