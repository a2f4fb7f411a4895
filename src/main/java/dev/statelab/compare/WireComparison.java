package dev.statelab.compare;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.statelab.files.FileStore;
import dev.statelab.files.UserPath;
import dev.statelab.files.WritePrecondition;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The same task through the real FTP port (Apache Commons Net: passive, binary, UTF-8) and the stateless
 * HTTP API (the JDK client through a counting relay), counting what only the wire shows: TCP connections,
 * round trips, bytes per channel and time. The files are laid out through the file store (the stage);
 * every counted byte goes through the public protocols.
 */
@Service
public class WireComparison {

    static final String TASK = "List a folder, download three files, rename one";
    private static final String[] FILES = {"a.txt", "b.txt", "c.txt"};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileStore store;
    private final Environment environment;

    public WireComparison(FileStore store, Environment environment) {
        this.store = store;
        this.environment = environment;
    }

    /** Whether the FTP port is on, so the comparison can run. */
    public boolean available() {
        return environment.getProperty("local.ftp.port", Integer.class, -1) > 0;
    }

    public WireRun run(BasicCredentials credentials) {
        String scratch = "wire-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        try {
            UserPath root = UserPath.parse(scratch);
            store.mkdir(credentials.user(), root);
            for (String side : List.of("http", "ftp")) {
                UserPath folder = root.child(side);
                store.mkdir(credentials.user(), folder);
                for (String name : FILES) {
                    byte[] content = ("This is " + name + ".\n").repeat(400).getBytes(StandardCharsets.UTF_8);
                    store.write(credentials.user(), folder.child(name), new ByteArrayInputStream(content),
                            content.length, WritePrecondition.NONE);
                }
            }
            WireRun.Side http = overHttp(credentials, scratch + "/http");
            WireRun.Side ftp = overFtp(credentials, "/" + scratch + "/ftp");
            return new WireRun(TASK, http, ftp, List.of(
                    "HTTP: every request carries the user and password and the full path; one TCP connection is "
                            + "kept alive for all of them, so headers and bodies share it.",
                    "FTP: one control connection holds the session (login, current directory, pending rename); "
                            + "each LIST and RETR opens a data connection of its own, after a PASV/EPSV round trip.",
                    "FTP sends the password in clear on the control connection.",
                    "Bytes are counted on the sockets, both directions; time is wall clock on loopback."));
        } finally {
            try {
                store.delete(credentials.user(), UserPath.parse(scratch), true);
            } catch (RuntimeException ignored) {
                // a scratch folder left over is harmless and visible to its owner
            }
        }
    }

    private WireRun.Side overHttp(BasicCredentials credentials, String folder) {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        List<String> commands = new ArrayList<>();
        try (CountingRelay relay = new CountingRelay(port)) {
            // made before the clock starts, as the FTP client is: the time is the task's, not the client's set-up
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long start = System.nanoTime();
            String base = "http://127.0.0.1:" + relay.port() + "/api/http/files/";
            send(client, commands, "GET", base + StatelessClient.encode(folder) + "/", credentials);
            for (String name : FILES) {
                send(client, commands, "GET", base + StatelessClient.encode(folder + "/" + name), credentials);
            }
            send(client, commands, "POST", base + StatelessClient.encode(folder + "/a.txt") + "?action=move&to="
                    + java.net.URLEncoder.encode("/" + folder + "/a-old.txt", StandardCharsets.UTF_8), credentials);
            double millis = (System.nanoTime() - start) / 1e6;
            return new WireRun.Side(relay.connections(), commands.size(), relay.bytesSent() + relay.bytesReceived(), 0,
                    Math.round(millis * 10) / 10.0, commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void send(HttpClient client, List<String> commands, String method, String url,
                             BasicCredentials credentials) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", credentials.header())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        commands.add(method + " " + URI.create(url).getRawPath() + " → " + response.statusCode());
    }

    private WireRun.Side overFtp(BasicCredentials credentials, String folder) {
        int port = environment.getRequiredProperty("local.ftp.port", Integer.class);
        CountingSocketFactory sockets = new CountingSocketFactory();
        List<String> commands = new ArrayList<>();
        FTPClient ftp = new FTPClient();
        ftp.setSocketFactory(sockets);
        ftp.setControlEncoding("UTF-8");
        ftp.setConnectTimeout(5000);
        ftp.setDefaultTimeout(30_000);
        ftp.addProtocolCommandListener(new ProtocolCommandListener() {
            @Override
            public void protocolCommandSent(ProtocolCommandEvent event) {
                String line = event.getMessage().trim();
                commands.add(line.regionMatches(true, 0, "PASS ", 0, 5) ? "PASS ****" : line);
            }

            @Override
            public void protocolReplyReceived(ProtocolCommandEvent event) {
            }
        });
        long start = System.nanoTime();
        try {
            ftp.connect("127.0.0.1", port);
            check(ftp.login(credentials.user(), credentials.password()), ftp);
            ftp.enterLocalPassiveMode();
            check(ftp.setFileType(FTP.BINARY_FILE_TYPE), ftp);
            check(ftp.changeWorkingDirectory(folder), ftp);
            ftp.listFiles();
            for (String name : FILES) {
                check(ftp.retrieveFile(name, new ByteArrayOutputStream()), ftp);
            }
            check(ftp.rename("a.txt", "a-old.txt"), ftp);
            ftp.logout();
            ftp.disconnect();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        List<CountingSocketFactory.Counted> opened = sockets.sockets();
        long control = opened.isEmpty() ? 0 : opened.get(0).sent.get() + opened.get(0).received.get();
        long data = opened.stream().skip(1).mapToLong(s -> s.sent.get() + s.received.get()).sum();
        return new WireRun.Side(opened.size(), commands.size(), control, data, Math.round(millis * 10) / 10.0, commands);
    }

    private static void check(boolean done, FTPClient ftp) throws IOException {
        if (!done) {
            throw new IOException("the FTP port answered " + ftp.getReplyString().trim());
        }
    }
}
