package dev.statelab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The copies an instance keeps of session documents stay within their bound, whatever a flood of sessions does. */
class NearCopiesTest {

    @Test
    void moreSessionsThanTheBoundKeepAtMostTheBoundOfCopies() {
        NearCopies copies = new NearCopies(Duration.ofMinutes(5), NearCopies.MAX_COPIES);
        int sessions = NearCopies.MAX_COPIES + 1_000;
        for (int i = 0; i < sessions; i++) {
            copies.holds("s" + i, "{\"v\":1}");
        }
        long kept = IntStream.range(0, sessions).filter(i -> copies.get("s" + i) != null).count();
        assertThat(kept).isBetween(NearCopies.MAX_COPIES - 1_000L, (long) NearCopies.MAX_COPIES);
    }

    @Test
    void aSessionWithoutADocumentInRedisLeavesNoCopy() {
        NearCopies copies = new NearCopies(Duration.ofMinutes(5), 10);
        copies.holds("s", "{\"v\":1}");
        copies.holds("s", null);
        assertThat(copies.get("s")).isNull();
    }
}
