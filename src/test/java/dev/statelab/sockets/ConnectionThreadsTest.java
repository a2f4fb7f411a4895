package dev.statelab.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** What differs between Java 17 (a bounded pool of platform threads) and 21+ (a virtual thread per connection). */
class ConnectionThreadsTest {

    @Test
    void onJava17ConnectionsRunOnABoundedPoolOfPlatformThreads() throws Exception {
        ConnectionThreads threads = ConnectionThreads.forFeature(17, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        AtomicReference<Thread> seen = new AtomicReference<>();
        try {
            for (int i = 0; i < 2; i++) {
                threads.run(() -> {
                    seen.set(Thread.currentThread());
                    started.countDown();
                    await(release);
                });
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(threads.kind()).isEqualTo("platform");
            assertThat(seen.get().getName()).startsWith("sockets-tcp-");
            assertThat(seen.get().isDaemon()).isTrue();
            assertThat(isVirtual(seen.get())).isFalse();
            assertThatThrownBy(() -> threads.run(() -> { })).isInstanceOf(RejectedExecutionException.class);
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    @Test
    void onJava21AndLaterEveryConnectionGetsAVirtualThreadWithoutABound() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
        ConnectionThreads threads = ConnectionThreads.forFeature(Runtime.version().feature(), 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(50);
        AtomicReference<Thread> seen = new AtomicReference<>();
        try {
            for (int i = 0; i < 50; i++) {
                threads.run(() -> {
                    seen.set(Thread.currentThread());
                    started.countDown();
                    await(release);
                });
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(threads.kind()).isEqualTo("virtual");
            assertThat(isVirtual(seen.get())).isTrue();
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    @Test
    void thisJvmGetsTheKindItSupports() {
        assertThat(ConnectionThreads.forThisJvm(4).kind()).isEqualTo(Runtime.version().feature() >= 21 ? "virtual" : "platform");
    }

    private static boolean isVirtual(Thread thread) throws Exception {
        if (Runtime.version().feature() < 21) {
            return false;
        }
        return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
