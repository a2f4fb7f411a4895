package dev.statelab.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.statelab.users.ProblemResponses;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The HTTP Basic login of the stateless API, shared by its security chain and by the short way for
 * downloads ({@link DirectFileDownloads}), which checks the same credentials before the chain runs: one
 * parse (Spring Security's own converter), one timed and throttled check, one way to refuse, and one
 * place where a checked login is kept for the rest of the request, so the chain does not check it again.
 */
final class StatelessLogin {

    private final BasicAuthenticationConverter basicHeader = new BasicAuthenticationConverter();
    private final AuthenticationManager passwordCheck;
    private final ProblemResponses problems;
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    StatelessLogin(AuthenticationManager passwordCheck, ProblemResponses problems) {
        this.passwordCheck = passwordCheck;
        this.problems = problems;
    }

    AuthenticationManager passwordCheck() {
        return passwordCheck;
    }

    ProblemResponses problems() {
        return problems;
    }

    /** Where the chain looks for a login already checked during this request; nothing outlives it. */
    SecurityContextRepository contexts() {
        return contexts;
    }

    /**
     * Checks the request's Basic credentials as the chain would and keeps the login for the rest of the
     * request; null when the request carries none (no header, or another scheme).
     *
     * @throws AuthenticationException for a malformed header, a wrong pair or a locked user or address
     */
    @Nullable Authentication basic(HttpServletRequest request, HttpServletResponse response) {
        UsernamePasswordAuthenticationToken credentials = basicHeader.convert(request);
        if (credentials == null) {
            return null;
        }
        Authentication user = passwordCheck.authenticate(credentials);
        contexts.saveContext(new SecurityContextImpl(user), request, response);
        return user;
    }
}
