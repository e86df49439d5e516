package io.catalogkit.core.internal;

import io.catalogkit.core.CallListener;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.core.Sleeper;
import io.catalogkit.core.TransportException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A credential a client holds, read from its {@link CredentialSource} when first needed and again
 * when the platform refuses it. One re-read serves every thread refused together: the first one
 * reads, the others wait for its verdict. When the store still holds the refused value, the reader
 * keeps reading, backing off from 100 ms to 5 s, until the value changes or the wait ends: a rotation
 * elsewhere may not have reached this store yet. A fixed source is never read again.
 *
 * <p>Thread-safe. Never shows a value: messages name the store.
 */
public final class HeldCredential {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.http");
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final CredentialSource source;
    private final String what;
    private final String platform;
    private final Duration wait;
    private final Sleeper sleeper;
    private final CallListener listener;
    private final boolean fixed;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong reads = new AtomicLong();

    private volatile Secret value;
    private volatile java.util.function.Consumer<Secret> onNewValue = v -> {};
    /** The value a re-read last found unchanged, and when that verdict was reached (nano time). */
    private Secret staleValue;

    private long staleAt;

    /**
     * Holds a credential.
     *
     * @param source where it is read
     * @param what what the credential is, for messages, e.g. {@code "Atlan API key"}
     * @param platform the platform's display name, e.g. {@code "Atlan"}
     * @param wait how long a re-read waits for a changed value
     * @param sleeper waits between reads
     * @param listener told about each re-read, or null
     */
    public HeldCredential(
            CredentialSource source,
            String what,
            String platform,
            Duration wait,
            Sleeper sleeper,
            CallListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.what = Objects.requireNonNull(what, "what");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener;
        this.fixed = Stores.isFixed(source);
    }

    /**
     * Holds a client's credential with the client's settings: its credential wait, sleeper and
     * listener.
     *
     * @param options the client's settings
     * @param platform the platform's display name, e.g. {@code "Atlan"}
     * @param source where the credential is read
     * @param what what it is, for messages, e.g. {@code "API key"}
     * @return the held credential
     */
    public static HeldCredential of(ClientOptions options, String platform, CredentialSource source, String what) {
        return new HeldCredential(
                source,
                what,
                platform,
                options.credentialWait(),
                options.sleeper(),
                Listeners.guard(options.listener().orElse(null)));
    }

    /**
     * A credential that never changes.
     *
     * @param value the value
     * @param what what it is, for messages
     * @param platform the platform's display name
     * @return the held credential
     */
    public static HeldCredential fixed(Secret value, String what, String platform) {
        return new HeldCredential(Stores.fixed(value), what, platform, Duration.ZERO, d -> {}, null);
    }

    /**
     * Tells a consumer every value this credential takes from now on (the first read, each changed
     * re-read, a switch), e.g. the client's redactor, so that a server echoing any of them is caught.
     *
     * @param consumer the consumer
     * @return this
     */
    public HeldCredential onNewValue(java.util.function.Consumer<Secret> consumer) {
        this.onNewValue = Objects.requireNonNull(consumer, "consumer");
        Secret v = value;
        if (v != null) {
            consumer.accept(v);
        } else if (fixed) {
            get(); // a fixed value costs nothing to read, and the consumer knows it at once
        }
        return this;
    }

    /**
     * Makes every value this credential holds, now and later, known to a redactor, so that no
     * message shows one a server echoes.
     *
     * @param redactor the client's redactor
     * @return this
     */
    public HeldCredential redactedBy(Redactor redactor) {
        redactor.holdLive(this::peek);
        return onNewValue(redactor::holdRecent);
    }

    private void set(Secret v) {
        onNewValue.accept(v);
        value = v;
    }

    /**
     * The value to send: read from the store on first use, then kept.
     *
     * @return the value
     * @throws CatalogKitException when the store cannot be read (naming it, never a value)
     */
    public Secret get() {
        Secret v = value;
        if (v != null) {
            return v;
        }
        lock.lock();
        try {
            if (value == null) {
                set(read());
            }
            return value;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The value held now, without reading the store.
     *
     * @return the value, or null before the first read
     */
    public Secret peek() {
        return value;
    }

    /**
     * Whether a refusal can be answered by reading the store again.
     *
     * @return false for a fixed value or an environment variable
     */
    public boolean rereadable() {
        return !fixed;
    }

    /**
     * The store's name, for messages.
     *
     * @return e.g. {@code "the file /run/secrets/atlan"}
     */
    public String storeName() {
        return Stores.nameOf(source);
    }

    /**
     * How often the store was read, for tests and benchmarks.
     *
     * @return the number of reads
     */
    public long reads() {
        return reads.get();
    }

    /**
     * Switches to a value this client made itself (a rotation it ran), if it still holds the old one.
     *
     * @param old the value that was replaced
     * @param fresh the new value
     * @return true when the client held the old value and now holds the new one
     */
    public boolean switched(Secret old, Secret fresh) {
        lock.lock();
        try {
            if (old.equals(value != null ? value : get())) {
                set(fresh);
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The platform refused {@code sent}: reads the store again, once for all the threads refused
     * together, and waits for a changed value up to the credential wait (and the deadline).
     *
     * @param sent the value the refused request carried
     * @param deadlineNanos the operation's deadline, in {@link System#nanoTime()}
     * @return the new value to send once more, or null when the store still holds the refused one
     *     (or the source is fixed)
     * @throws CatalogKitException when the store cannot be read
     * @throws TransportException when interrupted while waiting
     */
    public Secret refused(Secret sent, long deadlineNanos) {
        Secret now = value;
        if (now != null && !now.equals(sent)) {
            return now; // switched by a rotation this client ran, or re-read by another thread
        }
        if (fixed) {
            return null;
        }
        long refusedAt = System.nanoTime();
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
        try {
            Secret held = value;
            if (held != null && !held.equals(sent)) {
                return held; // another thread re-read (or a rotation switched) while this one was refused
            }
            if (staleValue != null && staleValue.equals(sent) && staleAt - refusedAt >= 0) {
                return null; // a re-read that ended after this refusal already found the store unchanged
            }
            long waited = 0;
            long backoff = FIRST_BACKOFF.toNanos();
            long maxWait = Math.min(wait.toNanos(), Math.max(0, deadlineNanos - System.nanoTime()));
            while (true) {
                Secret read = read();
                boolean changed = !read.equals(sent);
                if (listener != null) {
                    listener.credentialReread(Listeners.platform(platform), changed);
                }
                if (changed) {
                    set(read);
                    LOG.debug(
                            "{}: the {} was refused; {} holds a new value, sending again", platform, what, storeName());
                    return read;
                }
                long left = maxWait - waited;
                if (left <= 0) {
                    staleValue = sent;
                    staleAt = System.nanoTime();
                    LOG.debug(
                            "{}: the {} was refused and {} still holds it after {} ms",
                            platform,
                            what,
                            storeName(),
                            TimeUnit.NANOSECONDS.toMillis(waited));
                    return null;
                }
                long pause = Math.min(backoff, left);
                LOG.debug(
                        "{}: the {} was refused and {} still holds it; reading again in {} ms",
                        platform,
                        what,
                        storeName(),
                        TimeUnit.NANOSECONDS.toMillis(pause));
                try {
                    sleeper.sleep(Duration.ofNanos(pause));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw interrupted(e);
                }
                waited += pause;
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toNanos());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The sentence an {@code AuthenticationException} ends with when the store still held the
     * refused value.
     *
     * @return the sentence, naming the store and never the value
     */
    public String staleSentence() {
        if (fixed) {
            return "The " + what + " comes from " + storeName() + ", which is not read again: replace it and"
                    + " build a new client.";
        }
        return "The " + what + " was read again from " + storeName() + ", which still holds the refused value"
                + (wait.isZero() ? "" : " after waiting up to " + wait.toSeconds() + " s")
                + ": store a valid value there (a rotation may not have reached it yet; see credentialWait).";
    }

    /**
     * The sentence an {@code AuthenticationException} ends with when each of several new values read
     * from the store was refused in turn (rotations closer together than the store takes to reach
     * this process).
     *
     * @param times how many new values were refused
     * @return the sentence, naming the store and never a value
     */
    public String refusedTooOften(int times) {
        return "The " + what + " was read again from " + storeName() + " " + times + " times, and each new value"
                + " was refused too: rotations may come faster than the store reaches this process; space them"
                + " out, or rotate with a grace period.";
    }

    private Secret read() {
        reads.incrementAndGet();
        Secret s;
        try {
            s = source.get();
        } catch (CatalogKitException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        } catch (Exception e) {
            throw new CatalogKitException(
                    platform + ": the " + what + " could not be read from " + storeName() + " ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        if (s == null) {
            throw new CatalogKitException(platform + ": " + storeName() + " gave no " + what);
        }
        if (!Credentials.isHeaderSafe(s.reveal())) {
            throw new CatalogKitException(platform + ": the " + what + " read from " + storeName()
                    + " holds a character an HTTP header cannot carry (a line break or another control"
                    + " character); nothing was sent");
        }
        return s;
    }

    private TransportException interrupted(InterruptedException e) {
        return new TransportException(
                platform + ": interrupted while reading the " + what + " from " + storeName(), false, e);
    }

    @Override
    public String toString() {
        return "HeldCredential[" + what + " from " + storeName() + "]";
    }
}
