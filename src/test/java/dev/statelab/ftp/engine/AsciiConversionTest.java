package dev.statelab.ftp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AsciiConversionTest {

    @Test
    void storedLfGoesOutAsCrlfWithoutDoublingAnExistingCrlf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream network = AsciiConversion.toNetwork(out)) {
            network.write("a\nb\r".getBytes(StandardCharsets.US_ASCII));
            network.write("\nc\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\n");
    }

    @Test
    void crlfArrivingSplitAcrossReadsIsStoredAsLf() throws IOException {
        InputStream oneByteAtATime = new ByteArrayInputStream("a\r\nb\rc\r".getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        byte[] stored = AsciiConversion.fromNetwork(oneByteAtATime).readAllBytes();
        assertThat(new String(stored, StandardCharsets.US_ASCII)).isEqualTo("a\nb\rc\r");
    }
}
