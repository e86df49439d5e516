package io.catalogkit.core;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests pass one that records the
 * delays instead, so that they never sleep.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits for the given time.
     *
     * @param duration how long to wait
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The sleeper that blocks the calling thread.
     *
     * @return {@code Thread.sleep}
     */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
