package dev.statelab.ftp.port;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the real FTP port, next to the FTP-style API's under {@code statelab.ftp}.
 *
 * @param port                     the control port; {@code 0} picks a free one (logged), {@code -1} turns it off
 * @param address                  the address to bind; all addresses when unset
 * @param passivePorts             the range passive data ports are picked from at random, {@code first-last}
 * @param passiveAddress           the IPv4 address announced by PASV; the control connection's local one when unset
 * @param maxConnections           control connections at once; more get 421 and are closed
 * @param maxConnectionsPerAddress control connections at once from one client address; more get 421
 * @param controlIdleTimeout       a control connection with no command for this long is closed (421); a
 *                                 transfer under way pauses it
 * @param dataTimeout              how long a data connection may take to arrive, and how long a transfer may
 *                                 stall without a byte moving, before it is given up (425 / 426)
 * @param maxLineLength            longest command line in bytes; a longer one gets 500 and is dropped
 * @param loginFailureDelay        how long a failed PASS waits before its 530, to slow guessing down
 * @param maxLoginFailures         failed logins on one connection before it is closed (421)
 * @param activeMode               whether PORT and EPRT are allowed, and then only to the client's own address
 *                                 and to ports from 1024 up (FTP bounce, RFC 2577)
 * @param maxThreads               on Java 17, the bound of the platform thread pool (on 21 and later every
 *                                 connection gets a virtual thread)
 */
@ConfigurationProperties("statelab.ftp")
public record FtpPortProperties(
        @DefaultValue("2121") int port,
        @Nullable String address,
        @DefaultValue("50000-50099") String passivePorts,
        @Nullable String passiveAddress,
        @DefaultValue("500") int maxConnections,
        @DefaultValue("10") int maxConnectionsPerAddress,
        @DefaultValue("300s") Duration controlIdleTimeout,
        @DefaultValue("30s") Duration dataTimeout,
        @DefaultValue("4096") int maxLineLength,
        @DefaultValue("1s") Duration loginFailureDelay,
        @DefaultValue("3") int maxLoginFailures,
        @DefaultValue("false") boolean activeMode,
        @DefaultValue("1000") int maxThreads) {

    public PortRange passiveRange() {
        return PortRange.parse(passivePorts);
    }
}
