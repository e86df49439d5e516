package io.catalogkit.core.internal;

import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the exchanges that outlive their time, for every client in the process, with one daemon
 * thread that looks at the open watches every {@link #TICK_MILLIS} ms while there are any.
 *
 * <p>Why not OkHttp's and Okio's timeouts: each arms an Okio {@code AsyncTimeout} (the call timeout
 * once per call, the read and write timeouts on every socket read and write), and an armed timeout
 * that heads Okio's queue wakes Okio's watchdog thread. On a loopback call that is several wake-ups
 * and context switches per call, 10-25% of its time on a two-core machine. A watch here costs a set
 * insertion and a removal, and moving its deadline is one volatile write: nothing is woken per call.
 * The price is precision: a watch ends up to a tick after its deadline.
 *
 * <p>The thread keeps ticking for a second after the last watch closes, then waits without ticking
 * (the next watch wakes it), and leaves after {@code idleNanos} with nothing to watch (the next
 * watch starts a new one). A watch past its deadline is marked {@linkplain Watch#expired()
 * expired} first, then its end action runs on the sweeper's thread (cancelling the OkHttp call,
 * whose thread then fails with an {@code IOException}). Thread-safe.
 */
final class Deadlines {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.http");

    /** The sweeper thread's name. */
    static final String THREAD_NAME = "catalogkit-deadlines";

    /** How often the sweeper looks while there is something to watch: the timeouts' precision. */
    static final long TICK_MILLIS = 10;

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The one every transport uses. */
    static final Deadlines SHARED = new Deadlines(TimeUnit.SECONDS.toNanos(60));

    private final long idleNanos;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    /** Whether a sweeper thread runs (or is being started). */
    private final AtomicBoolean running = new AtomicBoolean();

    private volatile Thread sweeper;
    /** Whether the sweeper waits without ticking, to be woken by the next watch. */
    private volatile boolean resting;

    /**
     * Creates a sweeper that has no thread until the first watch.
     *
     * @param idleNanos how long its thread stays with nothing to watch before it leaves
     */
    Deadlines(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    /**
     * Watches one exchange.
     *
     * @param end what ends it, e.g. {@code call::cancel}; run at most once, on the sweeper's thread
     * @param deadline the latest it may end, in {@link System#nanoTime()} terms; {@link
     *     Watch#bound(long)} can bring it nearer for a while
     * @return the watch, to be closed when the exchange is over
     */
    Watch watch(Runnable end, long deadline) {
        Watch w = new Watch(this, end, deadline);
        watched.add(w);
        if (!running.get() && running.compareAndSet(false, true)) {
            start();
        } else if (resting) {
            Thread s = sweeper;
            if (s != null) {
                LockSupport.unpark(s);
            }
        }
        return w;
    }

    /** How many watches are open; for tests. */
    int watched() {
        return watched.size();
    }

    /** Whether a sweeper thread runs; for tests. */
    boolean sweeping() {
        return running.get();
    }

    private void start() {
        Thread t = new Thread(this::sweep, THREAD_NAME);
        t.setDaemon(true);
        t.setContextClassLoader(null);
        sweeper = t;
        t.start();
    }

    private void sweep() {
        long busy = System.nanoTime();
        for (; ; ) {
            long now = System.nanoTime();
            if (expire(now)) {
                busy = now;
            }
            if (now - busy < LINGER_NANOS) {
                LockSupport.parkNanos(this, TICK_NANOS);
                continue;
            }
            // Nothing to watch for a while: rest until a watch comes, or leave.
            resting = true;
            VarHandle.fullFence(); // a watcher sees resting, or this sees its watch
            if (watched.isEmpty()) {
                LockSupport.parkNanos(this, idleNanos);
            }
            resting = false;
            if (!watched.isEmpty()) {
                busy = System.nanoTime();
                continue;
            }
            if (System.nanoTime() - busy >= idleNanos) {
                running.set(false);
                // A watch added before the flag fell is this thread's to keep; after it, the
                // watcher started a new thread.
                if (watched.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
                busy = System.nanoTime();
            }
        }
    }

    /** Ends the watches past their deadline; returns whether any watch was open. */
    private boolean expire(long now) {
        boolean any = false;
        for (Watch w : watched) {
            any = true;
            if (w.deadline - now <= 0) {
                w.expire();
            }
        }
        return any;
    }

    /** One watched exchange. */
    static final class Watch implements AutoCloseable {
        private final Deadlines owner;
        private final Runnable end;
        private final long latest;
        private volatile long deadline;
        private volatile boolean expired;

        Watch(Deadlines owner, Runnable end, long latest) {
            this.owner = owner;
            this.end = end;
            this.latest = latest;
            this.deadline = latest;
        }

        /**
         * Brings the deadline to {@code until}, or keeps the latest one if that comes first.
         *
         * @param until in {@link System#nanoTime()} terms
         */
        void bound(long until) {
            deadline = until - latest < 0 ? until : latest;
        }

        /** Puts the deadline back to the latest one. */
        void unbound() {
            deadline = latest;
        }

        /**
         * Whether the deadline passed before the watch was closed (and the end action ran).
         *
         * @return true when it did
         */
        boolean expired() {
            return expired;
        }

        private void expire() {
            if (!owner.watched.remove(this)) {
                return; // closed meanwhile
            }
            expired = true;
            try {
                end.run();
            } catch (RuntimeException e) {
                LOG.debug("Ending an exchange past its deadline failed", e);
            }
        }

        /** Stops watching; an end action already started may still finish. */
        @Override
        public void close() {
            owner.watched.remove(this);
        }

        @Override
        public int hashCode() {
            // Deadlines differ in their low bits; cheaper than an identity hash.
            return Long.hashCode(latest * 0x9E3779B97F4A7C15L);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }
    }
}
