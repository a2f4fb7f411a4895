package dev.statelab.ftp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FTP-style API.
 *
 * @param idleTimeout        a session with no command for this long is gone (its token answers 401)
 * @param maxSessionsPerUser a login beyond this many open sessions of one user is refused with 421
 * @param loginTimeout       how long a raw {@code USER} waits for its {@code PASS}
 * @param maxPendingLogins   how many raw {@code USER} sessions may wait for their {@code PASS} at once (more: 421)
 * @param maxCommandLength   longest raw command line, in bytes (longer: 500, nothing runs)
 * @param cleanupInterval    how often expired sessions are purged from memory
 * @param commandWait        how long a request waits for another request of its session to end (then 503)
 * @param leaseTtl           with a shared store: how long a request's lease on its session lasts unless
 *                           renewed (it is renewed at least every half of this while the request runs), so the
 *                           longest a session stays blocked by an instance that died mid-command
 */
@ConfigurationProperties("statelab.ftp")
public record FtpProperties(
        @DefaultValue("15m") Duration idleTimeout,
        @DefaultValue("10") int maxSessionsPerUser,
        @DefaultValue("1m") Duration loginTimeout,
        @DefaultValue("1000") int maxPendingLogins,
        @DefaultValue("8192") int maxCommandLength,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("5s") Duration commandWait,
        @DefaultValue("10s") Duration leaseTtl) {
}
