package dev.statelab.users;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The configured accounts, fixed for the life of the process. It deliberately does not implement
 * {@code UserDetailsPasswordService}: Spring Security would otherwise re-hash a {@code {noop}} password
 * with bcrypt after its first use, silently changing what the configuration says.
 */
public class UserAccounts implements UserDetailsService {

    public static final String GENERATED_USER = "demo";

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Map<String, UserDetails> users;

    public UserAccounts(UsersProperties properties, PasswordEncoder encoder) {
        Map<String, UserDetails> users = new LinkedHashMap<>();
        properties.accounts().forEach((name, account) -> users.put(name, User.withUsername(name)
                .password(account.password()).roles(account.role().name()).build()));
        if (users.isEmpty()) {
            String password = randomPassword();
            users.put(GENERATED_USER, User.withUsername(GENERATED_USER)
                    .password(encoder.encode(password)).roles(UsersProperties.Role.ADMIN.name()).build());
            log.warn("%n%nGenerated password for user '{}': {}%n%nSet statelab.users.accounts.* to choose your own accounts.%n"
                    .formatted(), GENERATED_USER, password);
        }
        this.users = Map.copyOf(users);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        // a copy, because Spring Security erases the credentials of what it is given after a login
        return User.withUserDetails(user).build();
    }

    /** The account of this name, or null. */
    @Nullable UserDetails find(String username) {
        return users.get(username);
    }

    /** The hash of the first account that is not {@code {noop}} (the first account when all are). */
    String representativeHash() {
        return users.values().stream().map(UserDetails::getPassword)
                .filter(hash -> hash != null && !hash.startsWith("{noop}")).findFirst()
                .orElseGet(() -> users.values().iterator().next().getPassword());
    }

    public Set<String> names() {
        return users.keySet();
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
