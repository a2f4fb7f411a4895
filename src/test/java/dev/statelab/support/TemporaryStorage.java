package dev.statelab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

/**
 * A storage root for a test context that Spring caches across test classes. Not a JUnit {@code @TempDir}:
 * that one is made per class and deleted after it, under a context that other classes go on using. This
 * one lasts the test run and is deleted, with all that is in it, when the JVM exits.
 */
public final class TemporaryStorage {

    private TemporaryStorage() {
    }

    public static Path create(String prefix) {
        try {
            Path root = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(root.toFile()),
                    "delete-" + root.getFileName()));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
