package dev.statelab.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** examples/compare.sh against a running server, so the terminal version never rots. */
class CompareScriptTest extends CompareTestBase {

    @Test
    void compareScriptPrintsTheSideBySideTable() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("examples", "compare.sh").toString(),
                "http://127.0.0.1:" + port).redirectErrorStream(true);
        builder.environment().put("STATELAB_USER", USER);
        builder.environment().put("STATELAB_PASSWORD", USER_PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(row(output, "requests")).containsExactly(5, 9);
        int[] sent = row(output, "bytes sent");
        int[] received = row(output, "bytes received");
        int[] held = row(output, "server-held bytes \\(peak\\)");
        assertThat(sent[0]).isGreaterThan(5 * 100);
        assertThat(sent[1]).isGreaterThan(9 * 50);
        assertThat(received[0]).isGreaterThan(3 * 600);
        assertThat(held[0]).isZero();
        assertThat(held[1]).isPositive();
        assertThat(new File(ROOT.resolve(USER).toString()).list()).noneMatch(name -> name.startsWith("compare-sh-"));
    }

    private static int[] row(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + label + "\\s+(\\d+)\\s+(\\d+)\\s*$").matcher(output);
        assertThat(m.find()).as("a row '%s' in:%n%s", label, output).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
