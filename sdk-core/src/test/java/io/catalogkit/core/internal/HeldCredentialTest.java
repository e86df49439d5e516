package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.CallListener;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A credential held from a store: read once, read again on refusal, once for all threads. */
class HeldCredentialTest {
    static final Secret OLD = Secret.of("old-value-0001");
    static final Secret NEW = Secret.of("new-value-0002");

    final AtomicReference<Secret> store = new AtomicReference<>(OLD);
    final AtomicInteger reads = new AtomicInteger();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final List<String> rereads = new CopyOnWriteArrayList<>();
    final CredentialSource source = () -> {
        reads.incrementAndGet();
        return store.get();
    };
    final CallListener listener = new CallListener() {
        @Override
        public void credentialReread(String platform, boolean changed) {
            rereads.add(platform + " " + changed);
        }
    };

    HeldCredential held(Duration wait) {
        return new HeldCredential(source, "API key", "Atlan", wait, waits::add, listener);
    }

    static long later() {
        return System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    }

    @Test
    void readsOnFirstUseAndKeepsTheValue() {
        HeldCredential h = held(Duration.ofSeconds(30));
        assertThat(h.peek()).isNull();
        assertThat(reads).hasValue(0);
        assertThat(h.get()).isEqualTo(OLD);
        assertThat(h.get()).isEqualTo(OLD);
        assertThat(reads).hasValue(1);
        assertThat(h.reads()).isEqualTo(1);
        assertThat(h.rereadable()).isTrue();
        assertThat(h.toString()).contains("API key").doesNotContain(OLD.reveal());
    }

    @Test
    void aRefusalReadsAgainAndTakesTheNewValue() {
        HeldCredential h = held(Duration.ofSeconds(30));
        List<Secret> seen = new ArrayList<>();
        h.onNewValue(seen::add);
        h.get();
        store.set(NEW);
        assertThat(h.refused(OLD, later())).isEqualTo(NEW);
        assertThat(h.get()).isEqualTo(NEW);
        assertThat(seen).containsExactly(OLD, NEW);
        assertThat(rereads).containsExactly("atlan true");
        assertThat(waits).isEmpty();
        // A thread refused with the old value after the switch gets the new value without a read.
        assertThat(h.refused(OLD, later())).isEqualTo(NEW);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anUnchangedStoreIsReadAgainWithBackoffUntilTheWaitEnds() {
        HeldCredential h = held(Duration.ofSeconds(10));
        h.get();
        assertThat(h.refused(OLD, later())).isNull();
        assertThat(waits).first().isEqualTo(HeldCredential.FIRST_BACKOFF);
        assertThat(waits).allMatch(d -> d.compareTo(HeldCredential.MAX_BACKOFF) <= 0);
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(10));
        assertThat(rereads).hasSize(waits.size() + 1).allMatch(r -> r.equals("atlan false"));
        assertThat(h.staleSentence())
                .contains("still holds the refused value")
                .contains("10 s")
                .doesNotContain(OLD.reveal());
        assertThat(h.refusedTooOften(3)).contains("3 times").doesNotContain(OLD.reveal());
    }

    @Test
    void theDeadlineBoundsTheWait() {
        HeldCredential h = held(Duration.ofSeconds(30));
        h.get();
        assertThat(h.refused(OLD, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250)))
                .isNull();
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aStoreThatCatchesUpWhileWaitingIsTakenAtOnce() {
        HeldCredential h = new HeldCredential(
                source,
                "token",
                "DataHub",
                Duration.ofSeconds(30),
                d -> {
                    waits.add(d);
                    if (waits.size() == 3) {
                        store.set(NEW);
                    }
                },
                null);
        h.get();
        assertThat(h.refused(OLD, later())).isEqualTo(NEW);
        assertThat(waits).hasSize(3);
    }

    @Test
    void manyThreadsRefusedTogetherShareOneRead() throws Exception {
        CountDownLatch inRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CredentialSource slow = () -> {
            int n = reads.incrementAndGet();
            if (n == 2) {
                inRead.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return store.get();
        };
        HeldCredential h = new HeldCredential(slow, "API key", "Atlan", Duration.ofSeconds(30), waits::add, null);
        h.get();
        store.set(NEW);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Secret>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(pool.submit(() -> h.refused(OLD, later())));
            }
            assertThat(inRead.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<Secret> f : all) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(NEW);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(reads).hasValue(2);
    }

    @Test
    void threadsQueuedBehindAnUnchangedVerdictDoNotWaitAgain() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HeldCredential h = new HeldCredential(
                source,
                "API key",
                "Atlan",
                Duration.ofMillis(100),
                d -> {
                    waits.add(d);
                    waiting.countDown();
                    release.await(10, TimeUnit.SECONDS);
                },
                null);
        h.get();
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Future<Secret> first = pool.submit(() -> h.refused(OLD, later()));
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Secret> second = new AtomicReference<>(NEW);
            Thread queued = new Thread(() -> second.set(h.refused(OLD, later())));
            queued.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (queued.getState() != Thread.State.WAITING && System.nanoTime() < until) {
                Thread.sleep(5); // until it queues behind the first thread's re-read
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isNull();
            queued.join(10_000);
            assertThat(second.get()).isNull();
        } finally {
            pool.shutdownNow();
        }
        assertThat(waits).hasSize(1);
    }

    @Test
    void aFixedValueIsNeverReadAgainButFollowsItsOwnClientsSwitch() {
        HeldCredential h = HeldCredential.fixed(OLD, "API key", "Atlan");
        assertThat(h.rereadable()).isFalse();
        assertThat(h.refused(OLD, later())).isNull();
        assertThat(h.staleSentence()).contains("not read again").doesNotContain(OLD.reveal());
        assertThat(h.switched(NEW, Secret.of("other-0003"))).isFalse();
        assertThat(h.switched(OLD, NEW)).isTrue();
        assertThat(h.refused(OLD, later())).isEqualTo(NEW);
        assertThat(h.get()).isEqualTo(NEW);
    }

    @Test
    void aStoreThatFailsIsNamedNeverItsValue() {
        HeldCredential broken = new HeldCredential(
                () -> {
                    throw new java.io.IOException("disk gone");
                },
                "API key",
                "Atlan",
                Duration.ZERO,
                waits::add,
                null);
        assertThatThrownBy(broken::get)
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("could not be read from the CredentialSource given to the builder")
                .hasMessageContaining("IOException");
        HeldCredential nothing = new HeldCredential(() -> null, "API key", "Atlan", Duration.ZERO, waits::add, null);
        assertThatThrownBy(nothing::get).hasMessageContaining("gave no API key");
        HeldCredential unsafe =
                new HeldCredential(() -> Secret.of("line\nbreak"), "API key", "Atlan", Duration.ZERO, waits::add, null);
        assertThatThrownBy(unsafe::get).hasMessageContaining("cannot carry").hasMessageNotContaining("line\nbreak");
    }

    @Test
    void anInterruptWhileWaitingIsATransportFailureThatSentNothing() {
        HeldCredential h = new HeldCredential(
                source,
                "API key",
                "Atlan",
                Duration.ofSeconds(5),
                d -> {
                    throw new InterruptedException();
                },
                null);
        h.get();
        assertThatThrownBy(() -> h.refused(OLD, later()))
                .isInstanceOfSatisfying(
                        TransportException.class,
                        e -> assertThat(e.mayHaveReachedServer()).isFalse());
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void redactedByTellsTheRedactorEveryValue() {
        Redactor r = new Redactor();
        HeldCredential h = HeldCredential.fixed(OLD, "API key", "Atlan").redactedBy(r);
        assertThat(r.clean("echo " + OLD.reveal(), List.of())).doesNotContain(OLD.reveal());
        h.switched(OLD, NEW);
        assertThat(r.clean("echo " + OLD.reveal() + " " + NEW.reveal(), List.of()))
                .doesNotContain(OLD.reveal())
                .doesNotContain(NEW.reveal());
    }
}
