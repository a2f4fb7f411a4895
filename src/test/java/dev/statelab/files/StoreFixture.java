package dev.statelab.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.util.unit.DataSize;

/**
 * A storage root for tests: user {@code alice}'s home with a few files, a secret file and an outside
 * folder next to the homes, a sibling home for {@code bob}, and helpers to prove nothing outside alice's
 * home changed.
 */
final class StoreFixture {

    static final String USER = "alice";
    static final String SECRET = "TOP SECRET: outside every home";

    final Path root;
    final Path home;
    final Path secret;
    final Path outside;

    StoreFixture(Path tempDir) throws IOException {
        root = tempDir.resolve("root");
        home = root.resolve(USER);
        Files.createDirectories(home.resolve("docs"));
        Files.createDirectories(home.resolve("sub"));
        Files.writeString(home.resolve("docs/notes.txt"), "alice's notes");
        secret = Files.writeString(root.resolve("secret.txt"), SECRET);
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret2.txt"), SECRET + " 2");
        Files.createDirectories(root.resolve("bob"));
        Files.writeString(root.resolve("bob/notes.txt"), "bob's notes");
    }

    /** Links planted in the home by someone with access to the server's disk (the store never makes links). */
    StoreFixture withLinks() throws IOException {
        Files.createSymbolicLink(home.resolve("escape"), Path.of("../outside"));
        Files.createSymbolicLink(home.resolve("secret-link"), Path.of("../secret.txt"));
        Files.createSymbolicLink(home.resolve("dangling"), Path.of("../outside/missing"));
        Files.createSymbolicLink(home.resolve("docs-link"), Path.of("docs"));
        return this;
    }

    FileStore store() {
        return store(DataSize.ofMegabytes(1));
    }

    FileStore store(DataSize maxUploadSize) {
        return store(maxUploadSize, true);
    }

    FileStore store(DataSize maxUploadSize, boolean syncWrites) {
        return new FileStore(new FileStoreProperties(root, maxUploadSize, FileStoreProperties.DEFAULT_MAX_DEPTH, syncWrites));
    }

    /** Every entry outside alice's home, with its content (files) or link target (links); links are not followed. */
    Map<String, String> outsideSnapshot() {
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !p.startsWith(home)).forEach(p -> snapshot.put(root.relativize(p).toString(), describe(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return snapshot;
    }

    private static String describe(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return "link:" + Files.readSymbolicLink(p);
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return "dir";
            }
            return "file:" + Arrays.hashCode(Files.readAllBytes(p)) + ":" + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static String content(ReadableFile file) throws IOException {
        try (InputStream in = file.openStream(0)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Files in a folder on disk whose names start with the store's temporary prefix. */
    static long temporaryFilesIn(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(TemporaryFiles::isTemporary).count();
        }
    }
}
