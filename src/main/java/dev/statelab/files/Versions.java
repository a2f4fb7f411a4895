package dev.statelab.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps ETags strong. File systems stamp modification times from a coarse clock (one kernel tick,
 * milliseconds) and reuse a freed inode at once, so two quick replacements of the same size could
 * otherwise bring back an earlier version's ETag, and a client holding it would pass {@code If-Match}.
 */
final class Versions {

    private static final Duration SAME_TICK = Duration.ofSeconds(1);

    private Versions() {
    }

    /** Moves {@code replacement}'s time just past {@code previous} when the clock did not move on between them. */
    static void keepAfter(Path replacement, Instant previous) throws IOException {
        Instant written = Files.getLastModifiedTime(replacement).toInstant();
        if (!written.isAfter(previous) && Duration.between(written, previous).compareTo(SAME_TICK) < 0) {
            Files.setLastModifiedTime(replacement, FileTime.from(previous.plusNanos(1000)));
        }
    }
}
