package dev.statelab.ftp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Removes expired sessions, which would otherwise stay in memory until someone sent their token again. */
@Component
class ExpiredSessionPurge {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSessionPurge.class);

    private final SessionDirectory sessions;

    ExpiredSessionPurge(SessionDirectory sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${statelab.ftp.cleanup-interval:1m}")
    void purge() {
        int purged = sessions.purgeExpired();
        if (purged > 0) {
            log.debug("Purged {} expired FTP-style session(s)", purged);
        }
    }
}
