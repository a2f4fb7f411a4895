package dev.statelab.ftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.statelab.support.TemporaryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running service for the FTP-style API's end-to-end tests (Spring starts it once for every class
 * that extends this): its accounts, one storage root for the whole run, and a client on its port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "statelab.users.accounts.alice.password={noop}alice-pw",
        "statelab.users.accounts.alice.role=ADMIN",
        "statelab.users.accounts.bob.password={noop}bob-pw",
        "statelab.users.accounts.par.password={noop}par-pw",
        "statelab.users.accounts.cat.password={noop}cat-pw",
        "statelab.ftp.command-wait=300ms",
        "statelab.ftp.max-sessions-per-user=500",
        "statelab.users.lockout.max-failures-per-address=100000"})
abstract class FtpApiTestBase {

    // not a @TempDir: JUnit makes one per test class and deletes it after the class, under the cached context
    private static final Path STORAGE = TemporaryStorage.create("statelab-ftp-api-test-");

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("statelab.storage.root", STORAGE::toString);
    }

    @LocalServerPort
    int port;

    FtpApiClient ftp;

    @BeforeEach
    void client() {
        ftp = new FtpApiClient(port);
    }

    static Path storage() {
        return STORAGE;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: what is left, the system cleans up
        }
    }
}
