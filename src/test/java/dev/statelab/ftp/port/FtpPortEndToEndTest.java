package dev.statelab.ftp.port;

import static dev.statelab.support.BasicHeader.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real FTP port from outside: Apache Commons Net, the JDK's ftp:// handler and hand-typed lines. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.users.accounts.ana.password={noop}ana-pw",
        "statelab.users.accounts.root.password={noop}root-pw",
        "statelab.users.accounts.root.role=ADMIN",
        "statelab.users.accounts.lim.password={noop}lim-pw",
        "statelab.users.accounts.locky.password={noop}locky-pw",
        "statelab.users.accounts.admin2.password={noop}admin2-pw",
        "statelab.users.accounts.admin2.role=ADMIN",
        "statelab.ftp.max-sessions-per-user=3",
        "statelab.ftp.max-connections-per-address=8",
        "statelab.ftp.lockout.max-failures-per-address=100000"})
class FtpPortEndToEndTest {

    @TempDir
    static Path storage;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", () -> storage.toString());
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    FtpPortServer server;

    private final List<FTPClient> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void disconnect() throws IOException {
        for (FTPClient client : clients) {
            if (client.isConnected()) {
                client.disconnect();
            }
        }
    }

    private FTPClient client(String user, String password) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setControlEncoding("UTF-8");
        ftp.setConnectTimeout(5000);
        ftp.setDefaultTimeout(15_000);
        clients.add(ftp);
        ftp.connect("127.0.0.1", server.port());
        assertThat(FTPReply.isPositiveCompletion(ftp.getReplyCode())).isTrue();
        assertThat(ftp.login(user, password)).as(ftp.getReplyString()).isTrue();
        ftp.enterLocalPassiveMode();
        assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
        return ftp;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private byte[] retrieve(FTPClient ftp, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ftp.retrieveFile(name, out)).as(ftp.getReplyString()).isTrue();
        return out.toByteArray();
    }

    @Test
    void greetingSystFeatAndTheSessionCommandsAnswerWhatClientsExpect() throws IOException {
        FTPClient ftp = client("ana", "ana-pw");
        assertThat(ftp.getSystemType()).isEqualTo("UNIX Type: L8");
        assertThat(ftp.features()).isTrue();
        assertThat(ftp.getReplyStrings()).contains(" UTF8", " EPSV", " SIZE", " MDTM", " REST STREAM", " TVFS",
                " MLST type*;size*;modify*;perm*;");
        assertThat(ftp.sendCommand("OPTS UTF8 ON")).isEqualTo(200);
        assertThat(ftp.sendCommand("mode S")).as("verbs are case-insensitive").isEqualTo(200);
        assertThat(ftp.sendCommand("STRU F")).isEqualTo(200);
        assertThat(ftp.sendCommand("TYPE L 8")).isEqualTo(200);
        assertThat(ftp.sendNoOp()).isTrue();
        assertThat(ftp.makeDirectory("say \"hi\" there")).isTrue();
        assertThat(ftp.getReplyString()).startsWith("257 \"/say \"\"hi\"\" there\"");
        assertThat(ftp.changeWorkingDirectory("say \"hi\" there")).isTrue();
        assertThat(ftp.printWorkingDirectory()).isEqualTo("/say \"hi\" there");
        assertThat(ftp.changeToParentDirectory()).isTrue();
        assertThat(ftp.sendCommand("STAT")).isEqualTo(211);
        assertThat(ftp.getReplyString()).contains("Logged in as ana").contains("Current directory: /");
        assertThat(ftp.sendCommand("HELP")).isEqualTo(214);
        assertThat(ftp.getReplyString()).contains("EPSV");
        assertThat(ftp.sendCommand("PORT 127,0,0,1,200,10")).as("active mode is off by default").isEqualTo(502);
        assertThat(ftp.removeDirectory("say \"hi\" there")).isTrue();
    }

    @Test
    void passiveTransfersOfSomeMebibytesArriveWholeAndTheHttpApiSeesTheSameFile() throws Exception {
        FTPClient ftp = client("ana", "ana-pw");
        byte[] content = random(3 * 1024 * 1024 + 17, 1);
        assertThat(ftp.storeFile("big.bin", new ByteArrayInputStream(content))).as(ftp.getReplyString()).isTrue();
        assertThat(ftp.getReplyCode()).isEqualTo(226);
        assertThat(ftp.getSize("big.bin")).isEqualTo(Long.toString(content.length));
        assertThat(sha256(retrieve(ftp, "big.bin"))).isEqualTo(sha256(content));
        ftp.enterLocalPassiveMode();
        ftp.setUseEPSVwithIPv4(false);
        assertThat(sha256(retrieve(ftp, "big.bin"))).as("through PASV as well as EPSV").isEqualTo(sha256(content));

        FTPFile[] listed = ftp.listFiles();
        assertThat(listed).extracting(FTPFile::getName).contains("big.bin");
        FTPFile big = Stream.of(listed).filter(f -> f.getName().equals("big.bin")).findFirst().orElseThrow();
        assertThat(big.getSize()).isEqualTo(content.length);
        assertThat(big.getTimestamp()).as("Commons Net parsed the ls -l date").isNotNull();
        assertThat(ftp.listNames()).contains("big.bin");
        assertThat(ftp.mlistDir()).extracting(FTPFile::getName).contains("big.bin");
        FTPFile one = ftp.mlistFile("big.bin");
        assertThat(one).isNotNull();
        assertThat(one.getSize()).isEqualTo(content.length);

        HttpResponse<byte[]> viaHttp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/http/files/big.bin")).header("Authorization", basic("ana", "ana-pw")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(viaHttp.statusCode()).isEqualTo(200);
        assertThat(sha256(viaHttp.body())).isEqualTo(sha256(content));
        assertThat(ftp.deleteFile("big.bin")).isTrue();
    }

    @Test
    void restResumesBothDownloadAndUploadAndAppeAppends() throws Exception {
        FTPClient ftp = client("ana", "ana-pw");
        byte[] content = random(1024 * 1024, 2);
        assertThat(ftp.storeFile("resume.bin", new ByteArrayInputStream(content, 0, 300_000))).isTrue();
        ftp.setRestartOffset(300_000);
        assertThat(ftp.storeFile("resume.bin", new ByteArrayInputStream(content, 300_000, content.length - 300_000)))
                .as(ftp.getReplyString()).isTrue();
        assertThat(sha256(retrieve(ftp, "resume.bin"))).isEqualTo(sha256(content));
        ftp.setRestartOffset(1000);
        byte[] tail = retrieve(ftp, "resume.bin");
        assertThat(tail).hasSize(content.length - 1000);
        assertThat(sha256(tail)).isEqualTo(sha256(java.util.Arrays.copyOfRange(content, 1000, content.length)));
        assertThat(ftp.appendFile("resume.bin", new ByteArrayInputStream("tail".getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(ftp.getSize("resume.bin")).isEqualTo(Long.toString(content.length + 4));
    }

    @Test
    void renameAndUtf8NamesWithSpacesWork() throws Exception {
        FTPClient ftp = client("ana", "ana-pw");
        String name = "Grüße an alle – ünïcode.txt";
        assertThat(ftp.storeFile(name, new ByteArrayInputStream("hallo".getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(ftp.listNames()).contains(name);
        assertThat(ftp.rename(name, "new name ✓.txt")).as(ftp.getReplyString()).isTrue();
        assertThat(ftp.listNames()).contains("new name ✓.txt").doesNotContain(name);
        assertThat(new String(retrieve(ftp, "new name ✓.txt"), StandardCharsets.UTF_8)).isEqualTo("hallo");
        assertThat(ftp.sendCommand("RNTO nothing")).isEqualTo(503);
    }

    @Test
    void aborMidRetrWithTelnetInterruptAnswers426Then226AndTheConnectionGoesOn() throws Exception {
        try (RawControl control = RawControl.loggedIn(server.port(), "ana", "ana-pw")) {
            FTPClient ftp = client("ana", "ana-pw");
            assertThat(ftp.storeFile("abort.bin", new ByteArrayInputStream(new byte[48 * 1024 * 1024]))).isTrue();
            control.command("TYPE I");
            try (Socket data = control.epsvData(InetAddress.getLoopbackAddress())) {
                assertThat(control.command("RETR abort.bin")).startsWith("150");
                assertThat(data.getInputStream().readNBytes(64 * 1024)).hasSize(64 * 1024);
                assertThat(control.command("NOOP")).as("the control connection answers during a transfer")
                        .startsWith("200");
                assertThat(control.command("STAT")).startsWith("211-").contains("Transfer under way: RETR abort.bin");
                // Telnet IP, then Synch: IAC as normal data, DM as urgent data, then the command
                control.sendBytes(new byte[] {(byte) 255, (byte) 244, (byte) 255});
                control.socket.sendUrgentData(242);
                control.send("ABOR");
                assertThat(control.reply()).startsWith("426");
                assertThat(control.reply()).startsWith("226");
            }
            assertThat(control.command("PWD")).startsWith("257 \"/\"");
            assertThat(control.command("ABOR")).as("nothing under way").startsWith("225");
        }
    }

    @Test
    void aDataConnectionFromAnotherAddressIsRefusedWith425() throws Exception {
        FTPClient ftp = client("ana", "ana-pw");
        assertThat(ftp.storeFile("mine.txt", new ByteArrayInputStream("secret".getBytes(StandardCharsets.UTF_8)))).isTrue();
        try (RawControl control = RawControl.loggedIn(server.port(), "ana", "ana-pw");
             Socket data = control.epsvData(InetAddress.getByName("127.0.0.2"))) {
            assertThat(control.command("RETR mine.txt")).startsWith("150");
            assertThat(control.reply()).startsWith("425");
            assertThat(data.getInputStream().read()).as("not a byte to the stranger").isEqualTo(-1);
        }
    }

    @Test
    void commandsBeforeLoginAnswer530AndAnonymousIsRefused() throws IOException {
        try (RawControl control = new RawControl("127.0.0.1", server.port())) {
            assertThat(control.greeting).startsWith("220");
            for (String line : List.of("PWD", "LIST", "PASV", "EPSV", "RETR x", "STOR x", "CWD /", "SIZE x")) {
                assertThat(control.command(line)).as(line).startsWith("530");
            }
            assertThat(control.command("FEAT")).startsWith("211-");
            assertThat(control.command("SYST")).isEqualTo("215 UNIX Type: L8");
            assertThat(control.command("USER anonymous")).startsWith("530");
            assertThat(control.command("PASS guest@")).startsWith("503");
            assertThat(control.command("LIST")).startsWith("530");
        }
    }

    @Test
    void anOverlongLineAnswers500AndTheConnectionStaysUsable() throws IOException {
        try (RawControl control = RawControl.loggedIn(server.port(), "ana", "ana-pw")) {
            assertThat(control.command("CWD " + "a".repeat(10_000))).startsWith("500").contains("4096");
            assertThat(control.command("NOOP")).startsWith("200");
        }
    }

    @Test
    void theConnectionsBeyondThePerAddressLimitGet421() throws IOException {
        List<RawControl> open = new ArrayList<>();
        try {
            while (open.size() < 8) {
                RawControl control = new RawControl("127.0.0.1", server.port());
                if (!control.greeting.startsWith("220")) {
                    control.close();
                    break;
                }
                open.add(control);
            }
            try (RawControl extra = new RawControl("127.0.0.1", server.port())) {
                assertThat(extra.greeting).startsWith("421");
                assertThat(extra.reply()).isEqualTo("EOF");
            }
            try (RawControl elsewhere = new RawControl("127.0.0.3", "127.0.0.1", server.port())) {
                assertThat(elsewhere.greeting).as("another address has its own count").startsWith("220");
            }
        } finally {
            for (RawControl control : open) {
                control.close();
            }
        }
    }

    @Test
    void aClientThatVanishesMidStorLeavesTheOldFileAndNoPartialOne() throws Exception {
        FTPClient ftp = client("ana", "ana-pw");
        assertThat(ftp.storeFile("keep.bin", new ByteArrayInputStream("old".getBytes(StandardCharsets.UTF_8)))).isTrue();
        RawControl control = RawControl.loggedIn(server.port(), "ana", "ana-pw");
        control.command("TYPE I");
        Socket data = control.epsvData(InetAddress.getLoopbackAddress());
        assertThat(control.command("STOR keep.bin")).startsWith("150");
        OutputStream out = data.getOutputStream();
        out.write(new byte[256 * 1024]);
        out.flush();
        control.close();
        data.close();
        Thread.sleep(500);
        assertThat(new String(retrieve(ftp, "keep.bin"), StandardCharsets.UTF_8)).isEqualTo("old");
        try (Stream<Path> files = Files.list(storage.resolve("ana"))) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains("keep.bin.")
                    || name.startsWith("."));
        }
    }

    @Test
    void aClientWhoseDataConnectionEndsJustBeforeItsControlConnectionLeavesTheOldFile() throws Exception {
        FTPClient ftp = client("ana", "ana-pw");
        assertThat(ftp.storeFile("late.bin", new ByteArrayInputStream("old".getBytes(StandardCharsets.UTF_8)))).isTrue();
        RawControl control = RawControl.loggedIn(server.port(), "ana", "ana-pw");
        control.command("TYPE I");
        Socket data = control.epsvData(InetAddress.getLoopbackAddress());
        assertThat(control.command("STOR late.bin")).startsWith("150");
        data.getOutputStream().write(new byte[256 * 1024]);
        data.getOutputStream().flush();
        // a client process dying closes both sockets, but their ends may arrive a few milliseconds apart
        data.close();
        Thread.sleep(15);
        control.close();
        Thread.sleep(500);
        assertThat(new String(retrieve(ftp, "late.bin"), StandardCharsets.UTF_8)).isEqualTo("old");
    }

    @Test
    void portSessionsAreListedForTheAdminCountTowardTheLimitAndCanBeEnded() throws Exception {
        List<RawControl> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(RawControl.loggedIn(server.port(), "lim", "lim-pw"));
            }
            try (RawControl fourth = new RawControl("127.0.0.1", server.port())) {
                fourth.command("USER lim");
                assertThat(fourth.command("PASS lim-pw")).as("per-user limit").startsWith("421");
            }
            HttpResponse<String> overHttp = ftpLogin("lim", "lim-pw");
            assertThat(overHttp.statusCode()).as("the HTTP login counts them too").isEqualTo(429);

            String token = ftpLogin("root", "root-pw").headers().firstValue("X-Auth-Token").orElseThrow();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/ftp/sessions"))
                    .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(list).contains("\"via\":\"ftp-port\"").contains("\"user\":\"lim\"");
            var sessions = tools.jackson.databind.json.JsonMapper.builder().build().readTree(list).get("sessions");
            String id = null;
            for (var session : sessions) {
                if (session.get("user").asString().equals("lim") && session.get("via").asString().equals("ftp-port")) {
                    id = session.get("id").asString();
                }
            }
            HttpResponse<String> ended = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/api/ftp/sessions/" + id)).header("X-Auth-Token", token).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ended.statusCode()).isEqualTo(200);
            int closed = 0;
            for (RawControl control : open) {
                control.socket.setSoTimeout(300);
                try {
                    String reply = control.reply();
                    if (reply.startsWith("421") || reply.equals("EOF")) {
                        closed++;
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // this one was not ended
                }
            }
            assertThat(closed).as("exactly the ended connection was closed").isEqualTo(1);
        } finally {
            for (RawControl control : open) {
                control.close();
            }
        }
    }

    @Test
    void failedLoginsOnThePortLockTheUserOutOfTheHttpLoginToo() throws Exception {
        for (int connection = 0; connection < 2; connection++) {
            try (RawControl control = new RawControl("127.0.0.1", server.port())) {
                for (int i = 0; i < 3; i++) {
                    control.command("USER locky");
                    String reply = control.command("PASS wrong");
                    assertThat(reply).matches("(530|421).*");
                }
            }
        }
        HttpResponse<String> http = ftpLogin("locky", "locky-pw");
        assertThat(http.statusCode()).as(http.body()).isEqualTo(429);
        try (RawControl control = new RawControl("127.0.0.1", server.port())) {
            control.command("USER locky");
            assertThat(control.command("PASS locky-pw")).as("the right password, but locked").startsWith("421");
        }
    }

    @Test
    void theJdkFtpUrlHandlerDownloadsAndUploads() throws Exception {
        String base = "ftp://ana:ana-pw@127.0.0.1:" + server.port() + "/";
        try (OutputStream out = new URL(base + "jdk.txt;type=i").openConnection().getOutputStream()) {
            out.write("from the JDK".getBytes(StandardCharsets.UTF_8));
        }
        Thread.sleep(200);
        try (InputStream in = new URL(base + "jdk.txt;type=i").openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from the JDK");
        }
    }

    @Test
    void metricsCountControlConnectionsDataConnectionsAndBytesByChannel() throws Exception {
        FTPClient ftp = client("ana", "ana-pw");
        assertThat(ftp.storeFile("m.txt", new ByteArrayInputStream("metered".getBytes(StandardCharsets.UTF_8)))).isTrue();
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/actuator/prometheus")).header("Authorization", basic("root", "root-pw")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("statelab_ftp_control_connections").contains("statelab_ftp_data_connections_total")
                .containsPattern("statelab_bytes_total\\{[^}]*api=\"ftp-port\"[^}]*channel=\"data\"[^}]*direction=\"in\"")
                .containsPattern("statelab_bytes_total\\{[^}]*api=\"ftp-port\"[^}]*channel=\"control\"");
    }

    private HttpResponse<String> ftpLogin(String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/ftp/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"pass\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
