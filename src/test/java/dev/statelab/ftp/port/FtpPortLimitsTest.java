package dev.statelab.ftp.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import dev.statelab.files.FileStore;
import dev.statelab.files.FileStoreProperties;
import dev.statelab.ftp.PortSessions;
import dev.statelab.ftp.engine.FtpAuthenticator;
import dev.statelab.ftp.engine.FtpCommandEngine;
import dev.statelab.ftp.engine.FtpReply;
import dev.statelab.ftp.engine.FtpSessionState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The port's limits, each set low on a server of its own, driven from outside over real sockets. */
class FtpPortLimitsTest {

    @TempDir
    Path root;

    private FtpPortServer server;

    /** The session list is not what these tests are about; it only has to accept calls. */
    private static final PortSessions UNLISTED = new PortSessions() {
        @Override
        public String open(FtpSessionState state, Runnable onEnd) {
            return "s";
        }

        @Override
        public boolean update(String id, FtpSessionState state) {
            return true;
        }

        @Override
        public void close(String id) {
        }
    };

    private void start(FtpPortProperties properties) {
        FileStore store = new FileStore(new FileStoreProperties(root, DataSize.ofMegabytes(10)));
        FtpAuthenticator accounts = (user, password, address) -> "pw".equals(password)
                ? new FtpAuthenticator.Accepted(user, "USER")
                : new FtpAuthenticator.Refused(FtpReply.of(530, "Login incorrect"));
        server = new FtpPortServer(new FtpCommandEngine(store, accounts, Clock.systemUTC()), UNLISTED, properties,
                new SimpleMeterRegistry());
        server.start();
    }

    private static FtpPortProperties properties(int maxConnections, Duration idle, Duration data, int maxFailures,
                                                boolean active) {
        return new FtpPortProperties(0, "127.0.0.1", "0", null, maxConnections, 10, idle, data, 512,
                Duration.ofMillis(200), maxFailures, active, 50);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void anIdleControlConnectionIsClosedWith421() throws IOException {
        start(properties(10, Duration.ofSeconds(1), Duration.ofSeconds(5), 3, false));
        try (RawControl control = RawControl.loggedIn(server.port(), "ana", "pw")) {
            long started = System.nanoTime();
            assertThat(control.reply()).startsWith("421").contains("Idle");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(8));
        }
    }

    @Test
    void aPassiveListenerNobodyConnectsToGivesUpWith425AfterTheDataTimeout() throws IOException {
        start(properties(10, Duration.ofSeconds(30), Duration.ofSeconds(1), 3, false));
        try (RawControl control = RawControl.loggedIn(server.port(), "ana", "pw")) {
            assertThat(control.command("EPSV")).startsWith("229");
            assertThat(control.command("LIST")).startsWith("150");
            assertThat(control.reply()).startsWith("425");
            assertThat(control.command("NOOP")).startsWith("200");
        }
    }

    @Test
    void aStalledUploadIsCutWith426AndLeavesNothing() throws Exception {
        start(properties(10, Duration.ofSeconds(30), Duration.ofSeconds(1), 3, false));
        try (RawControl control = RawControl.loggedIn(server.port(), "ana", "pw");
             Socket data = control.epsvData(InetAddress.getLoopbackAddress())) {
            assertThat(control.command("STOR stalled.bin")).startsWith("150");
            data.getOutputStream().write(new byte[1000]);
            data.getOutputStream().flush();
            assertThat(control.reply()).startsWith("426").contains("no byte moved");
            assertThat(root.resolve("ana/stalled.bin")).doesNotExist();
        }
    }

    @Test
    void repeatedFailedLoginsAreSlowedAndCloseTheConnection() throws IOException {
        start(properties(10, Duration.ofSeconds(30), Duration.ofSeconds(5), 2, false));
        try (RawControl control = new RawControl("127.0.0.1", server.port())) {
            control.command("USER ana");
            long started = System.nanoTime();
            assertThat(control.command("PASS bad")).startsWith("530");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
            control.command("USER ana");
            assertThat(control.command("PASS bad")).startsWith("530");
            assertThat(control.reply()).startsWith("421");
            assertThat(control.reply()).isEqualTo("EOF");
        }
    }

    @Test
    void connectionsBeyondTheTotalLimitGet421() throws IOException {
        start(properties(2, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, false));
        try (RawControl one = new RawControl("127.0.0.1", server.port());
             RawControl two = new RawControl("127.0.0.1", server.port());
             RawControl three = new RawControl("127.0.0.1", server.port())) {
            assertThat(one.greeting).startsWith("220");
            assertThat(two.greeting).startsWith("220");
            assertThat(three.greeting).startsWith("421");
        }
    }

    @Test
    void activeModeWhenEnabledConnectsOnlyToTheClientsOwnAddressAndUnprivilegedPorts() throws Exception {
        start(properties(10, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, true));
        try (RawControl control = RawControl.loggedIn(server.port(), "ana", "pw");
             java.net.ServerSocket mine = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(control.command("PORT 127,0,0,2,200,10")).as("FTP bounce").startsWith("501");
            assertThat(control.command("EPRT |1|127.0.0.1|21|")).as("privileged port").startsWith("501");
            assertThat(control.command("PORT 127,0,0,1,x")).startsWith("501");
            int port = mine.getLocalPort();
            assertThat(control.command("EPRT |1|127.0.0.1|" + port + "|")).startsWith("200");
            assertThat(control.command("NLST")).startsWith("150");
            try (Socket data = mine.accept()) {
                assertThat(data.getInputStream().readAllBytes()).isEmpty();
            }
            assertThat(control.reply()).startsWith("226");
            assertThat(control.command("EPSV ALL")).startsWith("200");
            assertThat(control.command("PASV")).startsWith("503");
        }
    }
}
