package dev.statelab.users;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a password against the configured accounts. An unknown user is checked against a dummy hash
 * of the same algorithm and cost as the accounts' (Spring Security's {@code DaoAuthenticationProvider}
 * always uses the encoder's default cost), and both failures read the same. The result carries no
 * password, since the credential cache keeps it.
 */
final class AccountPasswords implements AuthenticationProvider {

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final String dummyHash;

    AccountPasswords(UserAccounts accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.dummyHash = DummyHash.like(accounts.representativeHash(), encoder);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String password = authentication.getCredentials() instanceof String text ? text : "";
        UserDetails user = accounts.find(authentication.getName());
        boolean matches = encoder.matches(password, user == null ? dummyHash : user.getPassword());
        if (user == null || !matches) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, user.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
