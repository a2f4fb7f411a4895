package dev.statelab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.statelab.support.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.MapSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lease and the fenced save against a real Redis: a save under a lost lease fails and overwrites nothing. */
class LeaseFencingTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static LettuceConnectionFactory factory;
    private static StringRedisTemplate template;
    private static RedisStores stores;
    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static final SessionAttributeCodec TEXT = new SessionAttributeCodec() {
        private final JsonMapper json = JsonMapper.builder().build();

        @Override
        public JsonNode encode(String name, Object value) {
            return json.valueToTree(value);
        }

        @Override
        public @Nullable Object decode(String name, JsonNode stored) {
            return stored.isString() ? stored.asString() : null;
        }
    };

    @BeforeAll
    static void connect() {
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        factory.afterPropertiesSet();
        factory.start();
        template = new StringRedisTemplate(factory);
        stores = new RedisStores(template, JsonMapper.builder().build(), registry);
    }

    @AfterAll
    static void disconnect() {
        stores.destroy();
        factory.destroy();
    }

    @Test
    void aSaveWhoseLeaseWasTakenOverFailsAndLeavesTheNewerStateInPlace() {
        SessionStore sessions = instance();
        SessionLeases leases = sessions.leases(Duration.ofSeconds(30));
        String id = savedSession(sessions, "first");

        SessionLeases.Lease lease = leases.acquire(id, Duration.ZERO);
        assertThat(lease).isNotNull();
        MapSession mine = sessions.findById(id);
        assertThat(mine).isNotNull();
        // meanwhile the lease expired and another request took it and saved
        template.opsForValue().set("statelab:fence:lease:" + id, "someone-else");
        template.opsForValue().set("statelab:fence:session:" + id,
                template.opsForValue().get("statelab:fence:session:" + id).replace("first", "newer"));
        mine.setAttribute("note", "stale");
        sessions.save(mine);
        assertThatThrownBy(lease::close).as("the save goes with the release, fenced").isInstanceOf(LeaseLostException.class);
        assertThat(template.opsForValue().get("statelab:fence:session:" + id)).contains("newer").doesNotContain("stale");
        assertThat(template.opsForValue().get("statelab:fence:lease:" + id)).as("not given back: not ours").isEqualTo("someone-else");
    }

    @Test
    void aSecondLeaseOnTheSameSessionWaitsThenGivesUpAndAReleasedOneIsFreeAgain() {
        SessionLeases leases = instance().leases(Duration.ofSeconds(30));
        try (SessionLeases.Lease first = leases.acquire("s1", Duration.ZERO)) {
            assertThat(first).isNotNull();
            long started = System.nanoTime();
            Thread other = new Thread(() -> assertThat(leases.acquire("s1", Duration.ofMillis(200))).isNull());
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
        try (SessionLeases.Lease again = leases.acquire("s1", Duration.ZERO)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aLeaseIsRenewedWhileHeldSoALongCommandKeepsIt() throws InterruptedException {
        SessionLeases leases = instance().leases(Duration.ofMillis(600));
        try (SessionLeases.Lease held = leases.acquire("long", Duration.ZERO)) {
            assertThat(held).isNotNull();
            Thread.sleep(1_500);
            Long ttl = template.getExpire("statelab:fence:lease:long", java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(ttl).isPositive();
        }
        assertThat(template.hasKey("statelab:fence:lease:long")).isFalse();
    }

    @Test
    void aSessionEndedByAnotherInstanceIsNotWrittenBackByARequestStillRunning() {
        SessionStore sessions = instance();
        SessionLeases leases = sessions.leases(Duration.ofSeconds(30));
        MapSession session = sessions.createSession();
        sessions.save(session);
        try (SessionLeases.Lease lease = leases.acquire(session.getId(), Duration.ZERO)) {
            MapSession loaded = sessions.findById(session.getId());
            assertThat(sessions.end(session.getId(), SessionDirectory.Ending.ENDED_BY_ADMIN)).isTrue();
            loaded.setAttribute("note", "late");
            sessions.save(loaded);
        }
        assertThat(sessions.findById(session.getId())).isNull();
        assertThat(sessions.endingOf(session.getId())).isEqualTo(SessionDirectory.Ending.ENDED_BY_ADMIN);
    }

    @Test
    void aCommandCostsTwoRoundTripsAndItsSaveReachesRedisWithTheRelease() {
        SessionStore sessions = instance();
        SessionLeases leases = sessions.leases(Duration.ofSeconds(30));
        String id = savedSession(sessions, "first");
        String key = "statelab:fence:session:" + id;

        double before = roundTrips();
        java.time.Instant accessed = java.time.Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (SessionLeases.Lease lease = leases.acquire(id, Duration.ZERO)) {
            assertThat(lease).isNotNull();
            MapSession mine = sessions.findById(id);
            mine.setLastAccessedTime(accessed);
            mine.setAttribute("note", "second");
            sessions.save(mine);
            sessions.save(mine); // Spring Session saves on commit and again at the end
            assertThat(sessions.findById(id).<String>getAttribute("note")).as("this request sees its own save").isEqualTo("second");
            assertThat(template.opsForValue().get(key)).as("not yet written").contains("first");
        }
        assertThat(roundTrips() - before).as("lease and load, then save and release").isEqualTo(2);
        assertThat(template.opsForValue().get(key)).contains("second");
        assertThat(template.hasKey("statelab:fence:lease:" + id)).isFalse();
        Long ttl = template.getExpire(key, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ttl).as("the key lives the idle timeout from this save").isGreaterThan(5 * 60 - 5);
        Double expiresAt = template.opsForZSet().score("statelab:fence:sessions", id);
        assertThat(expiresAt).isNotNull();
        assertThat(expiresAt.longValue()).isEqualTo(accessed.toEpochMilli() + Duration.ofMinutes(5).toMillis());
    }

    /** The second save of a request is skipped only when nothing changed since the first: a change after it is what the release writes. */
    @Test
    void aChangeBetweenTheTwoSavesOfARequestIsWhatItsReleaseWrites() {
        SessionStore sessions = instance();
        SessionLeases leases = sessions.leases(Duration.ofSeconds(30));
        String id = savedSession(sessions, "first");

        try (SessionLeases.Lease lease = leases.acquire(id, Duration.ZERO)) {
            MapSession mine = sessions.findById(id);
            mine.setAttribute("note", "on commit");
            sessions.save(mine);
            mine.setAttribute("note", "at the end"); // a download's counters, say, once its bytes are sent
            sessions.save(mine);
        }
        assertThat(template.opsForValue().get("statelab:fence:session:" + id)).contains("at the end").doesNotContain("on commit");

        // a write would set the key's expiry back to the idle timeout (5 min): a shorter one shows none happened
        template.expire("statelab:fence:session:" + id, Duration.ofSeconds(100));
        try (SessionLeases.Lease lease = leases.acquire(id, Duration.ZERO)) {
            MapSession mine = sessions.findById(id);
            mine.setAttribute("note", "changed");
            sessions.save(mine);
            mine.setAttribute("note", "at the end"); // back to what was loaded: nothing left to write
            sessions.save(mine);
        }
        assertThat(template.opsForValue().get("statelab:fence:session:" + id)).contains("at the end");
        assertThat(template.getExpire("statelab:fence:session:" + id, java.util.concurrent.TimeUnit.SECONDS))
                .as("not written again").isBetween(1L, 100L);
        assertThat(template.hasKey("statelab:fence:lease:" + id)).isFalse();
    }

    @Test
    void aRequestThatChangesNothingWritesNothingAndStillGivesTheLeaseBack() {
        SessionStore sessions = instance();
        SessionLeases leases = sessions.leases(Duration.ofSeconds(30));
        String id = savedSession(sessions, "same");
        String stored = template.opsForValue().get("statelab:fence:session:" + id);
        template.expire("statelab:fence:session:" + id, Duration.ofSeconds(100)); // a write would reset it to 5 min

        double before = roundTrips();
        try (SessionLeases.Lease lease = leases.acquire(id, Duration.ZERO)) {
            sessions.save(sessions.findById(id));
        }
        assertThat(roundTrips() - before).isEqualTo(2);
        assertThat(template.opsForValue().get("statelab:fence:session:" + id)).isEqualTo(stored);
        assertThat(template.getExpire("statelab:fence:session:" + id, java.util.concurrent.TimeUnit.SECONDS))
                .as("nothing written").isBetween(1L, 100L);
        assertThat(template.hasKey("statelab:fence:lease:" + id)).isFalse();
    }

    @Test
    void aCommandStartedFromThisInstancesCopyCostsOneRoundTripAndWritesWithoutALease() {
        SessionStore sessions = instance();
        SessionLeases leases = sessions.leases(Duration.ofSeconds(30));
        String id = savedSession(sessions, "first");

        double before = roundTrips();
        try (SessionLeases.Lease lease = leases.acquireOptimistically(id, Duration.ofSeconds(1))) {
            assertThat(lease).isNotNull();
            assertThat(template.hasKey("statelab:fence:lease:" + id)).as("no lease taken").isFalse();
            MapSession mine = sessions.findById(id);
            assertThat(mine.<String>getAttribute("note")).isEqualTo("first");
            mine.setAttribute("note", "second");
            assertThat(leases.settle(id)).isTrue();
            sessions.save(mine); // Spring Session's save on commit: already written
        }
        assertThat(roundTrips() - before).as("one compare-and-set").isEqualTo(1);
        assertThat(template.opsForValue().get("statelab:fence:session:" + id)).contains("second");
        assertThat(template.hasKey("statelab:fence:lease:" + id)).isFalse();
    }

    @Test
    void aCommandStartedFromACopyAnotherInstanceChangedRunsAgainOnWhatRedisHolds() {
        SessionStore here = instance();
        SessionStore there = instance();
        SessionLeases leasesHere = here.leases(Duration.ofSeconds(30));
        String id = savedSession(here, "first");
        changeNote(there, id, "from there");

        double before = roundTrips();
        int runs = 0;
        try (SessionLeases.Lease lease = leasesHere.acquireOptimistically(id, Duration.ofSeconds(1))) {
            MapSession mine = here.findById(id);
            assertThat(mine.<String>getAttribute("note")).as("this instance's copy is stale").isEqualTo("first");
            do {
                runs++;
                // the command: it reads the session and changes another attribute
                mine.setAttribute("cwd", "/docs after " + mine.getAttribute("note"));
            } while (!leasesHere.settle(id));
            assertThat(mine.<String>getAttribute("note")).as("refreshed in place").isEqualTo("from there");
            here.save(mine);
        }
        assertThat(runs).isEqualTo(2);
        assertThat(roundTrips() - before).as("a refused compare that returned the document, then one that wrote").isEqualTo(2);
        String stored = template.opsForValue().get("statelab:fence:session:" + id);
        assertThat(stored).contains("from there").contains("/docs after from there").doesNotContain("after first");
    }

    @Test
    void aCommandStartedFromACopyWhileAnotherHoldsTheLeaseWaitsForItOrIsRefusedAsBusy() throws Exception {
        SessionStore here = instance();
        SessionStore there = instance();
        SessionLeases leasesHere = here.leases(Duration.ofSeconds(30));
        SessionLeases leasesThere = there.leases(Duration.ofSeconds(30));
        String id = savedSession(here, "first");

        SessionLeases.Lease theirs = leasesThere.acquire(id, Duration.ZERO);
        try (SessionLeases.Lease lease = leasesHere.acquireOptimistically(id, Duration.ofMillis(200))) {
            here.findById(id).setAttribute("cwd", "/a");
            assertThatThrownBy(() -> leasesHere.settle(id)).isInstanceOf(SessionBusyException.class);
        }
        assertThat(template.opsForValue().get("statelab:fence:session:" + id)).doesNotContain("/a");

        Thread release = new Thread(() -> {
            sleep(150);
            theirs.close();
        });
        release.start();
        int runs = 0;
        try (SessionLeases.Lease lease = leasesHere.acquireOptimistically(id, Duration.ofSeconds(5))) {
            MapSession mine = here.findById(id);
            do {
                runs++;
                mine.setAttribute("cwd", "/b");
            } while (!leasesHere.settle(id));
            assertThat(template.hasKey("statelab:fence:lease:" + id)).as("the other gave it back: this request holds it").isTrue();
            here.save(mine);
        }
        release.join();
        assertThat(runs).as("ran again under the lease it waited for").isEqualTo(2);
        assertThat(template.opsForValue().get("statelab:fence:session:" + id)).contains("/b");
        assertThat(template.hasKey("statelab:fence:lease:" + id)).isFalse();
    }

    @Test
    void aCommandStartedFromACopyOfASessionEndedElsewhereFindsItGoneAndBringsNothingBack() {
        SessionStore here = instance();
        SessionStore there = instance();
        SessionLeases leasesHere = here.leases(Duration.ofSeconds(30));
        String id = savedSession(here, "first");
        assertThat(there.end(id, SessionDirectory.Ending.ENDED_BY_ADMIN)).isTrue();

        try (SessionLeases.Lease lease = leasesHere.acquireOptimistically(id, Duration.ofSeconds(1))) {
            MapSession mine = here.findById(id);
            assertThat(mine).as("the copy does not know yet").isNotNull();
            mine.setAttribute("cwd", "/late");
            assertThatThrownBy(() -> leasesHere.settle(id)).isInstanceOf(SessionGoneException.class);
            here.save(mine);
        }
        assertThat(template.hasKey("statelab:fence:session:" + id)).isFalse();
        assertThat(here.endingOf(id)).isEqualTo(SessionDirectory.Ending.ENDED_BY_ADMIN);
        try (SessionLeases.Lease lease = leasesHere.acquireOptimistically(id, Duration.ofSeconds(1))) {
            assertThat(here.findById(id)).as("the copy was dropped: the lease's load says gone").isNull();
        }
    }

    @Test
    void beforeAnEffectBeyondTheSessionACopyBecomesALeaseWithTheStoredSession() {
        SessionStore here = instance();
        SessionStore there = instance();
        SessionLeases leasesHere = here.leases(Duration.ofSeconds(30));
        String id = savedSession(here, "first");
        changeNote(there, id, "from there");

        try (SessionLeases.Lease lease = leasesHere.acquireOptimistically(id, Duration.ofSeconds(1))) {
            MapSession mine = here.findById(id);
            leasesHere.confirm(id);
            assertThat(template.hasKey("statelab:fence:lease:" + id)).as("held now").isTrue();
            assertThat(mine.<String>getAttribute("note")).as("refreshed in place").isEqualTo("from there");
            assertThat(leasesHere.settle(id)).as("under a lease the release writes").isTrue();
            mine.setAttribute("bytes", "1024");
            here.save(mine);
        }
        assertThat(template.opsForValue().get("statelab:fence:session:" + id)).contains("from there").contains("1024");
        assertThat(template.hasKey("statelab:fence:lease:" + id)).isFalse();
    }

    @Test
    void aCopyThatSaysTheSessionExpiredIsCheckedWithRedisWhichAnotherInstanceKeptItAliveIn() {
        SessionStore here = stores.sessions("fence", Duration.ofSeconds(3), TEXT);
        SessionStore there = stores.sessions("fence", Duration.ofSeconds(3), TEXT);
        SessionLeases leasesHere = here.leases(Duration.ofSeconds(30));
        String id = savedSession(here, "first");
        sleep(1_500);
        try (SessionLeases.Lease lease = there.leases(Duration.ofSeconds(30)).acquire(id, Duration.ZERO)) {
            MapSession theirs = there.findById(id);
            theirs.setLastAccessedTime(java.time.Instant.now());
            there.save(theirs);
        }
        sleep(2_000); // this instance's copy is 3.5 s old, past the idle timeout; Redis's is 2 s old

        try (SessionLeases.Lease lease = leasesHere.acquireOptimistically(id, Duration.ofSeconds(1))) {
            MapSession mine = here.findById(id);
            assertThat(mine).as("alive, as Redis says").isNotNull();
            assertThat(template.hasKey("statelab:fence:lease:" + id)).as("checked under the lease").isTrue();
            here.save(mine);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sessions as one instance sees them: a store of its own, with its own copies of documents. */
    private static SessionStore instance() {
        return stores.sessions("fence", Duration.ofMinutes(5), TEXT);
    }

    /** A command on another instance, under the lease, that sets {@code note}. */
    private static void changeNote(SessionStore there, String id, String note) {
        try (SessionLeases.Lease lease = there.leases(Duration.ofSeconds(30)).acquire(id, Duration.ZERO)) {
            assertThat(lease).isNotNull();
            MapSession theirs = there.findById(id);
            theirs.setAttribute("note", note);
            there.save(theirs);
        }
    }

    /** A new session holding {@code note}, created outside any lease; its id. */
    private static String savedSession(SessionStore sessions, String note) {
        MapSession session = sessions.createSession();
        session.setAttribute("note", note);
        sessions.save(session);
        return session.getId();
    }

    private static double roundTrips() {
        return registry.get(RedisStores.ROUND_TRIPS).tag("api", "fence").counter().count();
    }
}
