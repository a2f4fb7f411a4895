package dev.statelab.ftp;

import dev.statelab.store.SessionDirectory;
import dev.statelab.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Removes expired sessions every {@code statelab.ftp.cleanup-interval}: in memory they would stay until
 * someone sent their token again; in Redis their keys expire by themselves and this drops them from the
 * indexes and remembers that they expired.
 */
final class ExpiredSessionPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSessionPurge.class);

    private final SessionDirectory sessions;
    private final java.time.Duration interval;

    ExpiredSessionPurge(SessionDirectory sessions, java.time.Duration interval) {
        this.sessions = sessions;
        this.interval = interval;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, interval);
    }

    void purge() {
        try {
            int purged = sessions.purgeExpired();
            if (purged > 0) {
                log.debug("Purged {} expired FTP-style session(s)", purged);
            }
        } catch (StoreUnavailableException e) {
            log.debug("Expired sessions not purged this time: the session store is unreachable");
        }
    }
}
