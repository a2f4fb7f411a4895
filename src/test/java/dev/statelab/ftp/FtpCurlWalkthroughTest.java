package dev.statelab.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The curl walkthrough in {@code examples/ftp-session.sh} runs a whole session against the service.
 */
class FtpCurlWalkthroughTest extends FtpApiTestBase {

    @Test
    void theCurlWalkthroughRunsAWholeSession() throws IOException, InterruptedException {
        // the shell's USER is someone else, as it always is: only STATELAB_USER may choose the account
        Process process = walkthrough(Map.of("STATELAB_BASE", "http://127.0.0.1:" + port, "USER", "alice",
                "STATELAB_USER", "bob", "STATELAB_PASS", "bob-pw"));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("== login as bob").contains("OK: the whole session worked");
    }

    @Test
    void theWalkthroughLogsInAsDemoByDefaultWhateverTheShellsUserIs() throws IOException, InterruptedException {
        Process process = walkthrough(Map.of("STATELAB_BASE", "http://127.0.0.1:" + port, "USER", "bob",
                "STATELAB_PASS", "bob-pw"));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // there is no demo account in this test, so the default login fails, and says whom it tried
        assertThat(output).contains("== login as demo").doesNotContain("login as bob");
        assertThat(process.exitValue()).as(output).isNotZero();
    }

    private static Process walkthrough(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "examples/ftp-session.sh").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("STATELAB_"));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
