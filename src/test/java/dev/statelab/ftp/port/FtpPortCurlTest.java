package dev.statelab.ftp.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's curl ftp:// walkthrough runs against the real service, so it cannot rot. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.users.accounts.walker.password={noop}walker-pw",
        "statelab.ftp.lockout.max-failures-per-address=100000"})
class FtpPortCurlTest {

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

    @Test
    void theCurlFtpWalkthroughPasses() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "examples/ftp-port.sh").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("STATELAB_"));
        builder.environment().put("STATELAB_FTP", "127.0.0.1:" + server.port());
        builder.environment().put("STATELAB_BASE", "http://127.0.0.1:" + httpPort);
        builder.environment().put("STATELAB_USER", "walker");
        builder.environment().put("STATELAB_PASS", "walker-pw");
        File log = File.createTempFile("ftp-port", ".log");
        log.deleteOnExit();
        Process process = builder.redirectOutput(log).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).endsWith("The FTP port walkthrough passed.\n");
        try (var left = Files.list(storage.resolve("walker"))) {
            assertThat(left).as("the walkthrough cleans up").isEmpty();
        }
    }
}
