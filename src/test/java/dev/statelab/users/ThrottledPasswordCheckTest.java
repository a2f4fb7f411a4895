package dev.statelab.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class ThrottledPasswordCheckTest {

    /** What the wrapped check answers: a wrong password, "not mine to decide" (null), or a right one. */
    private enum Answer { WRONG, UNDECIDED, RIGHT }

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new InMemoryLoginThrottle(
            new UsersProperties.Lockout(3, 5, Duration.ofMinutes(1), Duration.ofMinutes(10)), now::get);
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final ThrottledPasswordCheck check = new ThrottledPasswordCheck(new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            return switch (answers.pop()) {
                case WRONG -> throw new BadCredentialsException("wrong");
                case UNDECIDED -> null;
                case RIGHT -> UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, List.of());
            };
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    }, throttle);
    private final Authentication attempt = UsernamePasswordAuthenticationToken.unauthenticated("ana", "secret");

    @Test
    void aCheckThatDecidesNothingDoesNotClearTheUsersFailures() {
        failOnce();
        failOnce();
        answers.add(Answer.UNDECIDED);
        assertThat(check.authenticate(attempt)).isNull();
        failOnce();
        assertThat(throttle.lockedFor("ana", null)).as("three failures in the window").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aRightPasswordClearsTheUsersFailures() {
        failOnce();
        failOnce();
        answers.add(Answer.RIGHT);
        assertThat(check.authenticate(attempt)).isNotNull();
        failOnce();
        assertThat(throttle.lockedFor("ana", null)).isNull();
    }

    private void failOnce() {
        answers.add(Answer.WRONG);
        assertThatThrownBy(() -> check.authenticate(attempt)).isInstanceOf(BadCredentialsException.class);
    }
}
