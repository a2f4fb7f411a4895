package dev.statelab.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The per-datagram {@code !sim} prefix: what it asks for, what it leaves to the server, what it refuses. */
class SimPrefixTest {

    private static final Impairment SERVER = new Impairment(0.1, 0.2, Duration.ofMillis(5));
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    @Test
    void keysReplaceTheServerSettingsAndTheEchoIsOnlyThePayload() throws Exception {
        SimPrefix.Parsed parsed = parse("!sim loss=0.5,delay=40ms|seq 7");
        assertThat(parsed.impairment()).isEqualTo(new Impairment(0.5, 0.2, Duration.ofMillis(40)));
        assertThat(new String(parsed.payload(), StandardCharsets.UTF_8)).isEqualTo("seq 7");
    }

    @Test
    void anEmptyPrefixKeepsTheServerSettingsAndSecondsAndBareMillisAreRead() throws Exception {
        assertThat(parse("!sim|x").impairment()).isEqualTo(SERVER);
        assertThat(parse("!sim delay=1s|x").impairment().delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(parse("!sim delay=15|x").impairment().delay()).isEqualTo(Duration.ofMillis(15));
    }

    @Test
    void onlyDatagramsThatStartWithTheMarkCarryAPrefix() {
        assertThat(SimPrefix.present(bytes("!sim|x"), 6)).isTrue();
        assertThat(SimPrefix.present(bytes("hello !sim|x"), 12)).isFalse();
        assertThat(SimPrefix.present(bytes("!si"), 3)).isFalse();
    }

    @Test
    void badPrefixesAreRefusedWithAReason() {
        assertThatThrownBy(() -> parse("!sim loss=0.5 payload")).hasMessageContaining("end the !sim prefix with |");
        assertThatThrownBy(() -> parse("!sim loss=-0.1|x")).hasMessage("loss must be a number from 0 to 1");
        assertThatThrownBy(() -> parse("!sim reorder=NaN|x")).hasMessage("reorder must be a number from 0 to 1");
        assertThatThrownBy(() -> parse("!sim delay=3s|x")).hasMessage("delay must be from 0 to 2000ms");
        assertThatThrownBy(() -> parse("!sim delay=soon|x")).hasMessageContaining("delay is milliseconds");
        assertThatThrownBy(() -> parse("!sim jitter=5|x")).hasMessageContaining("unknown option jitter");
        assertThatThrownBy(() -> parse("!sim loss|x")).hasMessageContaining("key=value");
    }

    private static SimPrefix.Parsed parse(String datagram) throws SimPrefix.BadPrefixException {
        byte[] bytes = bytes(datagram);
        return SimPrefix.parse(bytes, bytes.length, SERVER, MAX_DELAY);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
