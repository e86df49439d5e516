package io.catalogkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Told about every operation a client sends: its start and end, each retry, each re-read of a
 * credential store and each token the client mints for itself. Bind one with {@code
 * listener(CallListener)} on any client builder; {@code sdk-micrometer} has one that records
 * Micrometer meters, and one that opens a Micrometer {@code Observation} per operation.
 *
 * <p>Nothing a listener is handed holds a secret, a token id, a token or user name, or a URL: the
 * platform is one of {@code atlan}, {@code alation}, {@code datahub}, and the operation one of a
 * fixed set of names per platform (such as {@code create_api_token}), so every value can be a
 * metric tag.
 *
 * <p>Every method has an empty default. Methods are called on the thread that runs the operation,
 * from many threads at once: an implementation must be thread-safe and quick. A listener that throws
 * never breaks a call: the client logs the first such failure at WARN (its type, not its message)
 * and goes on.
 */
public interface CallListener {
    /**
     * An operation is about to send its first attempt.
     *
     * @param call the operation; the same object reaches {@link #callEnded} and {@link #retrying}
     */
    default void callStarted(Call call) {}

    /**
     * An operation ended, with an answer, an exception or a value read from its answer.
     *
     * @param call the operation, as {@link #callStarted} saw it
     * @param result how it ended
     */
    default void callEnded(Call call, Result result) {}

    /**
     * An attempt failed and the operation will be tried again after a delay.
     *
     * @param call the operation
     * @param reason the status that failed (e.g. {@code "503"}), or {@code "IO_ERROR"}
     * @param delay how long the client waits before the next attempt
     */
    default void retrying(Call call, String reason, Duration delay) {}

    /**
     * The platform refused the credential the client held, and the client read its credential
     * store again (once for all threads refused together).
     *
     * @param platform {@code atlan}, {@code alation} or {@code datahub}
     * @param changed whether the store held a new value
     */
    default void credentialReread(String platform, boolean changed) {}

    /**
     * The client minted a token for its own calls (an Alation API access token or an OAuth JWT).
     *
     * @param platform the platform, e.g. {@code alation}
     * @param kind {@code access-token} or {@code oauth}
     * @param expiresAt when the token expires, as the server reported it, if it did
     */
    default void tokenMinted(String platform, String kind, Optional<Instant> expiresAt) {}

    /**
     * A listener that passes every event to each of the given ones, in order.
     *
     * @param listeners the listeners
     * @return one listener
     */
    static CallListener of(CallListener... listeners) {
        List<CallListener> all = List.of(listeners);
        return new CallListener() {
            @Override
            public void callStarted(Call call) {
                each(all, l -> l.callStarted(call));
            }

            @Override
            public void callEnded(Call call, Result result) {
                each(all, l -> l.callEnded(call, result));
            }

            @Override
            public void retrying(Call call, String reason, Duration delay) {
                each(all, l -> l.retrying(call, reason, delay));
            }

            @Override
            public void credentialReread(String platform, boolean changed) {
                each(all, l -> l.credentialReread(platform, changed));
            }

            @Override
            public void tokenMinted(String platform, String kind, Optional<Instant> expiresAt) {
                each(all, l -> l.tokenMinted(platform, kind, expiresAt));
            }
        };
    }

    /**
     * Tells each listener an event, even when one before it throws; then rethrows the first failure
     * (with the others suppressed), which the client logs once and otherwise ignores.
     *
     * @param all the listeners
     * @param event the event
     */
    private static void each(List<CallListener> all, Consumer<CallListener> event) {
        RuntimeException first = null;
        for (CallListener l : all) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** How an operation ended, for the {@code outcome} of a metric. */
    enum Outcome {
        /** A 2xx answer, or a status the operation takes as done (a 404 when a retried delete finds its work done). */
        SUCCESS,
        /** A 4xx answer. */
        CLIENT_ERROR,
        /** A 5xx answer. */
        SERVER_ERROR,
        /** No answer came (a connect failure, a timeout, an interrupt), or none could be read. */
        UNKNOWN
    }

    /**
     * One operation of a client. Compared by identity: the object {@link #callStarted} receives is
     * the one the later events of that operation receive, so a listener may key state on it.
     */
    final class Call {
        private final String platform;
        private final String operation;

        /**
         * An operation.
         *
         * @param platform {@code atlan}, {@code alation} or {@code datahub}
         * @param operation the operation's fixed name, e.g. {@code create_api_token}
         */
        public Call(String platform, String operation) {
            this.platform = Objects.requireNonNull(platform, "platform");
            this.operation = Objects.requireNonNull(operation, "operation");
        }

        /**
         * The platform.
         *
         * @return {@code atlan}, {@code alation} or {@code datahub}
         */
        public String platform() {
            return platform;
        }

        /**
         * The operation's fixed name: lower case, words joined by {@code _}; never an id or a name.
         *
         * @return e.g. {@code list_access_tokens}
         */
        public String operation() {
            return operation;
        }

        @Override
        public String toString() {
            return "Call[" + platform + " " + operation + "]";
        }
    }

    /**
     * How an operation ended.
     *
     * @param outcome the outcome class
     * @param status the last HTTP status as text (e.g. {@code "200"}), or {@code "IO_ERROR"} when no
     *     answer came
     * @param attempts how many attempts were sent (1 without retries)
     * @param duration the whole operation's time, retries and waits included
     * @param exception the simple class name of what the operation threw, or {@code "none"}
     */
    record Result(Outcome outcome, String status, int attempts, Duration duration, String exception) {
        /** The {@code status} of an operation that received no answer. */
        public static final String IO_ERROR = "IO_ERROR";

        /** The {@code exception} of an operation that threw nothing. */
        public static final String NONE = "none";

        /**
         * Checks the parts.
         *
         * @param outcome the outcome class
         * @param status the last status, or {@link #IO_ERROR}
         * @param attempts attempts sent
         * @param duration the operation's time
         * @param exception a simple class name, or {@link #NONE}
         */
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(exception, "exception");
        }
    }
}
