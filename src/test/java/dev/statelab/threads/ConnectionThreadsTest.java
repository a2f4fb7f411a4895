package dev.statelab.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** What differs between Java 17 (a bounded pool of platform threads) and 21+ (a virtual thread per connection). */
class ConnectionThreadsTest {

    @Test
    void onJava17ConnectionsRunOnABoundedPoolOfPlatformThreads() throws Exception {
        ExecutorService threads = ConnectionThreads.forJava(17, "lab-", 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        AtomicReference<Thread> seen = new AtomicReference<>();
        try {
            for (int i = 0; i < 2; i++) {
                threads.execute(() -> {
                    seen.set(Thread.currentThread());
                    started.countDown();
                    await(release);
                });
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen.get().getName()).startsWith("lab-");
            assertThat(seen.get().isDaemon()).isTrue();
            assertThat(isVirtual(seen.get())).isFalse();
            assertThatThrownBy(() -> threads.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void onJava21AndLaterEveryConnectionGetsANamedVirtualThreadWithoutABound() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
        ExecutorService threads = ConnectionThreads.forThisJvm("lab-", 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(50);
        AtomicReference<Thread> seen = new AtomicReference<>();
        try {
            for (int i = 0; i < 50; i++) {
                threads.execute(() -> {
                    seen.set(Thread.currentThread());
                    started.countDown();
                    await(release);
                });
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(isVirtual(seen.get())).isTrue();
            assertThat(seen.get().getName()).startsWith("lab-");
            assertThat(ConnectionThreads.kindForThisJvm()).isEqualTo("virtual");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void shuttingDownInterruptsTheConnectionsStillRunning() throws Exception {
        ExecutorService threads = ConnectionThreads.forThisJvm("lab-", 2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        threads.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        threads.shutdownNow();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the blocked connection was interrupted").isTrue();
        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void thisJvmGetsTheKindItSupports() {
        assertThat(ConnectionThreads.kindForThisJvm()).isEqualTo(Runtime.version().feature() >= 21 ? "virtual" : "platform");
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
