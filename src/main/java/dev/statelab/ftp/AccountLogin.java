package dev.statelab.ftp;

import dev.statelab.ftp.engine.FtpAuthenticator;
import dev.statelab.ftp.engine.FtpReply;
import dev.statelab.store.SessionDirectory;
import dev.statelab.users.ClientAddress;
import dev.statelab.users.LockedOutException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * PASS against the shared accounts through the one {@link AuthenticationManager}, which applies the
 * lockout every password check shares (421, no password hash paid) and caches verified credentials; then the per-user
 * session limit (421 "too many connections", as FTP servers answer: the new login is refused and the open
 * sessions are left alone).
 */
final class AccountLogin implements FtpAuthenticator {

    static final String ADMIN = "ADMIN";
    static final String USER = "USER";

    private final AuthenticationManager authentication;
    private final SessionDirectory sessions;
    private final int maxSessionsPerUser;

    AccountLogin(AuthenticationManager authentication, SessionDirectory sessions, int maxSessionsPerUser) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    @Override
    public Result login(String user, String password, @Nullable String remoteAddress) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        if (remoteAddress != null) {
            attempt.setDetails(new ClientAddress(remoteAddress));
        }
        Authentication verified;
        try {
            verified = authentication.authenticate(attempt);
        } catch (LockedOutException locked) {
            return new Refused(FtpReply.of(421, "Too many failed logins: try again in "
                    + locked.retryAfterSeconds() + " seconds"));
        } catch (AuthenticationException e) {
            return new Refused(FtpReply.of(530, "Login incorrect"));
        }
        String name = verified.getName();
        if (!sessions.hasRoomFor(name, maxSessionsPerUser)) {
            return new Refused(FtpReply.of(421, "Too many sessions for " + name + ": " + maxSessionsPerUser
                    + " are open, which is the limit. QUIT one or wait until one expires"));
        }
        boolean admin = verified.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return new Accepted(name, admin ? ADMIN : USER);
    }
}
