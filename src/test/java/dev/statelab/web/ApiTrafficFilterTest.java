package dev.statelab.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The traffic counter reckons header lengths without encoding them, and must agree with the encoder. */
class ApiTrafficFilterTest {

    @Test
    void utf8LengthWithoutEncodingIsTheEncodedLength() {
        for (String text : new String[] {"", "GET", "/api/http/files/a%20b.txt", "café", "日本語のファイル",
                "emoji \uD83D\uDE00 end", "lone \uD800 surrogate", "trailing high \uD83D", "\u07FF\u0800\u0080\u007F"}) {
            assertThat(ApiTrafficFilter.utf8(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
