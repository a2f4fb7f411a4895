package dev.statelab.ftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import dev.statelab.store.SessionDirectory;
import dev.statelab.store.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * How many bytes a shared session store would hold for one session: the state record as Java
 * serialization writes it (class description included, as Spring Session's JDK serializer would store
 * it), the session id and the user name of the principal index as UTF-8, and three 8-byte numbers for the
 * creation time, the last access and the timeout. The sum over all sessions is memoized briefly, because
 * a metrics scrape must not serialize 100,000 records every time.
 */
final class SessionSizes {

    private static final int TIMES = 3 * Long.BYTES;

    private final SessionDirectory sessions;
    private final Clock clock;
    private final Duration memo;
    private long totalAt;
    private long total;
    private long storedAt = Long.MIN_VALUE / 2;
    private double stored;

    SessionSizes(SessionDirectory sessions, Clock clock, Duration memo) {
        this.sessions = sessions;
        this.clock = clock;
        this.memo = memo;
    }

    static long of(Session session) {
        return of(session.getId(), session.getAttribute(FtpExchange.STATE),
                session.getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME));
    }

    static long of(String id, @Nullable Object state, @Nullable String principal) {
        return serializedSize(state) + utf8(id) + (principal == null ? 0 : utf8(principal)) + TIMES;
    }

    synchronized long total() {
        long now = clock.millis();
        if (now - totalAt >= memo.toMillis()) {
            total = sessions.all().mapToLong(SessionSizes::of).sum();
            totalAt = now;
        }
        return total;
    }

    /** What the store itself holds for all sessions ({@link SessionDirectory#storedBytes()}), memoized alike; NaN while it is unreachable. */
    synchronized double stored() {
        long now = clock.millis();
        if (now - storedAt >= memo.toMillis()) {
            try {
                stored = sessions.storedBytes();
            } catch (StoreUnavailableException unreachable) {
                stored = Double.NaN;
            }
            storedAt = now;
        }
        return stored;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int serializedSize(@Nullable Object value) {
        if (value == null) {
            return 0;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
