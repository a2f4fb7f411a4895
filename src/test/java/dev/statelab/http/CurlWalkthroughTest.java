package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The README's curl walkthrough runs against the real service, so it cannot rot. */
class CurlWalkthroughTest extends HttpApiTest {

    @Test
    void theCurlWalkthroughPasses() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "examples/http-files.sh").redirectErrorStream(true);
        builder.environment().put("STATELAB_BASE", "http://127.0.0.1:" + port);
        builder.environment().put("STATELAB_USER", USER);
        builder.environment().put("STATELAB_PASS", USER_PASSWORD);
        File log = File.createTempFile("http-files", ".log");
        log.deleteOnExit();
        Process process = builder.redirectOutput(log).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("304 Not Modified").contains("412 with the old ETag").endsWith("The walkthrough passed.\n");
    }
}
