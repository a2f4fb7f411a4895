package dev.statelab.compare;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

import dev.statelab.files.FileStore;
import dev.statelab.files.StoredFile;
import dev.statelab.files.UserPath;
import dev.statelab.files.WritePrecondition;
import dev.statelab.store.SessionDirectory;
import dev.statelab.store.StoreSettings;
import dev.statelab.store.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays a scenario through both APIs over loopback, as the caller, in a scratch folder of the caller's
 * home that is created before and removed after the run. The scratch files are laid out through the file
 * store directly (they are the stage, not the play); every measured step goes through the public APIs.
 */
@Service
public class ScenarioRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ROUND_TRIPS = "statelab.store.roundtrips";
    private static final String FTP_REQUESTS = "statelab.requests";

    private final FileStore store;
    private final Environment environment;
    private final JsonMapper json;
    private final Semaphore running;
    private final @Nullable URI peerUrl;
    private final SessionDirectory sessions;
    private final String storeKind;
    private final MeterRegistry registry;

    public ScenarioRunner(FileStore store, Environment environment, JsonMapper json, CompareProperties properties,
                          SessionDirectory sessions, StoreSettings storeSettings, MeterRegistry registry) {
        this.store = store;
        this.environment = environment;
        this.json = json;
        this.running = new Semaphore(properties.concurrentRuns());
        this.peerUrl = properties.peerUrl();
        this.sessions = sessions;
        this.storeKind = storeSettings.store().name().toLowerCase(Locale.ROOT);
        this.registry = registry;
    }

    /**
     * @param credentials the caller's user and password, used by both sides' clients as the caller would
     * @throws BusyException when the allowed number of runs are already playing
     */
    public Run run(Scenario scenario, BasicCredentials credentials) {
        if (!running.tryAcquire()) {
            throw new BusyException();
        }
        String scratch = "compare-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        try {
            ScenarioScript script = scenario.script();
            prepare(credentials.user(), scratch, script.fixtures());
            WireClient wire = new WireClient(URI.create("http://127.0.0.1:" + port()), json);
            String authorization = credentials.header();
            boolean two = script.clientsPerSide() > 1;
            WireClient peerWire = peerUrl == null ? null : new WireClient(peerUrl, json, true);
            Players.Peer peer = peerWire == null ? null : new Players.Peer(String.valueOf(peerUrl), peerWire,
                    new StatelessClient("client", peerWire, authorization));
            Players players = new Players(scratch,
                    new StatelessClient(two ? "client A" : "client", wire, authorization),
                    new StatelessClient("client B", wire, authorization),
                    new FtpSessionClient(two ? "client A" : "client", wire, json, credentials.user(), credentials.password()),
                    new FtpSessionClient("client B", wire, json, credentials.user(), credentials.password()),
                    new FtpSessionClient("admin", wire, json, credentials.user(), credentials.password()), peer, storeKind);
            List<StatelessClient> httpClients = two ? List.of(players.httpA(), players.httpB()) : List.of(players.httpA());
            List<FtpSessionClient> ftpClients = two ? List.of(players.ftpA(), players.ftpB()) : List.of(players.ftpA());
            Script recorder = new Script(httpClients, ftpClients, this::footprint);
            double roundTripsBefore = count(ROUND_TRIPS);
            double ftpRequestsBefore = count(FTP_REQUESTS);
            try {
                script.play(recorder, players);
            } finally {
                ftpClients.forEach(ScenarioRunner::quitQuietly);
            }
            long roundTrips = Math.round(count(ROUND_TRIPS) - roundTripsBefore);
            long ftpRequests = Math.round(count(FTP_REQUESTS) - ftpRequestsBefore);
            SessionDirectory.Footprint where = recorder.lastFootprint();
            StateLocation state = new StateLocation(storeKind, peer == null ? null : peer.url(),
                    where == null ? null : where.location(), where == null ? 0 : where.bytes(), roundTrips, ftpRequests,
                    ftpRequests == 0 ? 0 : Math.round(100.0 * roundTrips / ftpRequests) / 100.0);
            List<Step> steps = recorder.steps();
            return new Run(scenario.slug(), scenario.title(), scenario.summary(), "/" + scratch + "/", steps,
                    Totals.of(steps, true), Totals.of(steps, false), recorder.notes(), state);
        } finally {
            cleanUp(credentials.user(), scratch);
            running.release();
        }
    }

    private void prepare(String user, String scratch, Map<String, byte[]> fixtures) {
        UserPath root = UserPath.parse(scratch);
        store.mkdir(user, root);
        for (String side : List.of("http", "ftp")) {
            UserPath sideRoot = root.child(side);
            store.mkdir(user, sideRoot);
            fixtures.forEach((path, content) -> {
                UserPath file = sideRoot.navigate(path);
                ensureFolder(user, file.parent());
                store.write(user, file, new ByteArrayInputStream(content), content.length, WritePrecondition.NONE);
            });
        }
    }

    private void ensureFolder(String user, UserPath folder) {
        if (folder.isRoot()) {
            return;
        }
        StoredFile existing = store.find(user, folder);
        if (existing == null) {
            ensureFolder(user, folder.parent());
            store.mkdir(user, folder);
        }
    }

    private void cleanUp(String user, String scratch) {
        try {
            store.delete(user, UserPath.parse(scratch), true);
        } catch (RuntimeException e) {
            log.warn("Could not remove the scratch folder of a comparison run: {}", e.toString());
        }
    }

    private static void quitQuietly(FtpSessionClient client) {
        if (client.token() != null) {
            try {
                client.quit();
            } catch (RuntimeException ignored) {
                // the session ends by itself at its idle timeout
            }
        }
    }

    private SessionDirectory.@Nullable Footprint footprint(String token) {
        try {
            return sessions.footprint(token);
        } catch (StoreUnavailableException unreachable) {
            return null;
        }
    }

    private double count(String counter) {
        return registry.find(counter).tag("api", "ftp").counters().stream().mapToDouble(Counter::count).sum();
    }

    private int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    /** Thrown when too many runs are playing at once. */
    public static final class BusyException extends RuntimeException {
        BusyException() {
            super("too many comparison runs at once");
        }
    }
}
