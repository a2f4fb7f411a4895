package dev.statelab.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class InMemoryLoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new InMemoryLoginThrottle(
            new UsersProperties.Lockout(3, 5, Duration.ofMinutes(1), Duration.ofMinutes(10)), now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aUserIsLockedOutAfterRepeatedFailuresWithinTheWindowUntilTheLockEnds() {
        throttle.failed("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.2");
        assertThat(throttle.lockedFor("ana", "10.0.0.3")).isNull();
        throttle.failed("ana", "10.0.0.3");
        assertThat(throttle.lockedFor("ana", "10.0.0.4")).isEqualTo(Duration.ofMinutes(10));
        assertThat(throttle.lockedFor("bo", "10.0.0.4")).isNull();
        advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(throttle.lockedFor("ana", "10.0.0.4")).isNull();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        throttle.failed("ana", null);
        throttle.failed("ana", null);
        advance(Duration.ofMinutes(2));
        throttle.failed("ana", null);
        assertThat(throttle.lockedFor("ana", null)).isNull();
    }

    @Test
    void anAddressGuessingManyUsersIsLockedOut() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.9.9.9");
        }
        assertThat(throttle.lockedFor("someone-else", "10.9.9.9")).isNotNull();
        assertThat(throttle.lockedFor("someone-else", "10.9.9.8")).isNull();
    }

    @Test
    void aRightPasswordClearsTheUsersCountButNotTheAddresss() {
        throttle.failed("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.1");
        throttle.succeeded("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.lockedFor("ana", "10.0.0.2")).isNull();
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.lockedFor("x", "10.0.0.1")).as("5 failures from the address").isNotNull();
    }
}
