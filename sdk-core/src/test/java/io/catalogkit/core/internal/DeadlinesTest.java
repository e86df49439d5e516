package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The deadline sweeper alone: what it ends, what it leaves, and its one thread. */
class DeadlinesTest {
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    final Deadlines deadlines = new Deadlines(TimeUnit.SECONDS.toNanos(60));

    static long in(long millis) {
        return System.nanoTime() + millis * MS;
    }

    @Test
    void aWatchPastItsDeadlineIsEndedAndSaysSo() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        Deadlines.Watch w = deadlines.watch(ended::countDown, in(100));
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("ended").isTrue();
        assertThat(w.expired()).isTrue();
        w.close();
        assertThat(deadlines.watched()).isZero();
    }

    @Test
    void aWatchClosedInTimeIsNeverEnded() throws Exception {
        AtomicInteger ends = new AtomicInteger();
        Deadlines.Watch w = deadlines.watch(ends::incrementAndGet, in(100));
        w.close();
        // A later watch past its deadline shows the sweeper went by the first one's deadline.
        CountDownLatch later = new CountDownLatch(1);
        deadlines.watch(later::countDown, in(300));
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ends).hasValue(0);
        assertThat(w.expired()).isFalse();
    }

    @Test
    void aSoonerDeadlineWakesTheSweeperWaitingForALaterOne() throws Exception {
        Deadlines.Watch far = deadlines.watch(() -> {}, in(60_000));
        Thread.sleep(100); // the sweeper now waits for the far deadline
        CountDownLatch ended = new CountDownLatch(1);
        deadlines.watch(ended::countDown, in(50));
        assertThat(ended.await(10, TimeUnit.SECONDS))
                .as("ended long before the other watch's minute")
                .isTrue();
        assertThat(far.expired()).isFalse();
        far.close();
    }

    @Test
    void anEndActionThatThrowsDoesNotStopTheSweeper() throws Exception {
        deadlines.watch(
                () -> {
                    throw new IllegalStateException("boom");
                },
                in(10));
        CountDownLatch ended = new CountDownLatch(1);
        deadlines.watch(ended::countDown, in(200));
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theSweeperLeavesWhenIdleAndComesBackForTheNextWatch() throws Exception {
        Deadlines quick = new Deadlines(50 * MS);
        quick.watch(() -> {}, in(60_000)).close();
        assertThat(quick.sweeping()).isTrue();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (quick.sweeping() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertThat(quick.sweeping()).as("left after being idle").isFalse();
        CountDownLatch ended = new CountDownLatch(1);
        quick.watch(ended::countDown, in(20));
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theSweeperIsOneDaemonThread() throws Exception {
        deadlines.watch(() -> {}, in(60_000)).close();
        List<Thread> sweepers = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(Deadlines.THREAD_NAME) && t.isAlive()) {
                sweepers.add(t);
            }
        }
        assertThat(sweepers).isNotEmpty().allMatch(Thread::isDaemon);
    }

    @Test
    void watchesOpenedAndClosedFromManyThreadsLeaveNothingAndEndNothing() throws Exception {
        AtomicInteger ends = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        deadlines.watch(ends::incrementAndGet, in(60_000)).close();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(deadlines.watched()).isZero();
        assertThat(ends).hasValue(0);
    }
}
