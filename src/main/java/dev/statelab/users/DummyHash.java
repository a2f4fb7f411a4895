package dev.statelab.users;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A hash of a random password made with the same algorithm and cost as a configured one, checked
 * against when the user name is unknown, so that an unknown user costs as much time as a known one and
 * timing does not tell which names exist.
 */
final class DummyHash {

    private static final Pattern BCRYPT = Pattern.compile("^\\{bcrypt}\\$(2[abxy]?)\\$(\\d{2})\\$.*");
    private static final Pattern ARGON2 = Pattern.compile(
            "^\\{argon2}\\$argon2id?\\$v=\\d+\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");

    private DummyHash() {
    }

    /** A hash shaped like {@code configured}; any other scheme is hashed by {@code fallback}. */
    static String like(String configured, PasswordEncoder fallback) {
        String password = randomPassword();
        Matcher bcrypt = BCRYPT.matcher(configured);
        if (bcrypt.matches()) {
            BCryptPasswordEncoder.BCryptVersion version = switch (bcrypt.group(1)) {
                case "2b" -> BCryptPasswordEncoder.BCryptVersion.$2B;
                case "2y" -> BCryptPasswordEncoder.BCryptVersion.$2Y;
                default -> BCryptPasswordEncoder.BCryptVersion.$2A;
            };
            return "{bcrypt}" + new BCryptPasswordEncoder(version, Integer.parseInt(bcrypt.group(2))).encode(password);
        }
        Matcher argon2 = ARGON2.matcher(configured);
        if (argon2.matches()) {
            int salt = Base64.getDecoder().decode(pad(argon2.group(4))).length;
            int hash = Base64.getDecoder().decode(pad(argon2.group(5))).length;
            return "{argon2}" + new Argon2PasswordEncoder(salt, hash, Integer.parseInt(argon2.group(3)),
                    Integer.parseInt(argon2.group(1)), Integer.parseInt(argon2.group(2))).encode(password);
        }
        if (configured.startsWith("{noop}")) {
            return "{noop}" + password;
        }
        return fallback.encode(password);
    }

    private static String pad(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
