package io.catalogkit.micrometer;

import io.catalogkit.core.CallListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes every operation of the clients it is bound to a Micrometer {@link Observation} named
 * {@value #NAME}, so that an application with tracing (an OpenTelemetry or Brave bridge on its
 * {@link ObservationRegistry}) sees each catalog operation as a span, and an application with an
 * observation handler for metrics sees it as a timer.
 *
 * <p>The observation starts when the operation starts, as a child of the observation current on
 * that thread, and is current on that thread until the operation ends. Its low-cardinality keys
 * are those of {@link CatalogKitMetrics}'s {@code catalogkit.calls}: {@code platform}, {@code
 * operation}, and at the end {@code outcome}, {@code status} and {@code exception}; its one
 * high-cardinality key is {@code attempts}. Each retry is an event {@value #RETRY_EVENT} (its
 * contextual name says the reason, such as {@code retry after 503}). An operation that threw has
 * its observation's error set to a {@link CallFailedException} naming the exception's type: the
 * listener is never handed the exception itself, whose message may hold names or ids.
 *
 * <pre>{@code
 * AtlanClient atlan = AtlanClient.builder().baseUrl(url).apiKey(key)
 *         .listener(CallListener.of(CatalogKitMetrics.of(meters), CatalogKitObservations.of(observations)))
 *         .build();
 * }</pre>
 *
 * <p>One instance may serve any number of clients, on any number of threads; an observation is
 * kept from an operation's start to its end, keyed by the operation's identity.
 */
public final class CatalogKitObservations implements CallListener {
    /** The observation's name. */
    public static final String NAME = "catalogkit.call";
    /** The name of the event each retry adds. */
    public static final String RETRY_EVENT = "catalogkit.retry";

    private final ObservationRegistry registry;
    private final ConcurrentMap<Call, Open> open = new ConcurrentHashMap<>();

    private CatalogKitObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /**
     * A listener that observes every operation in a registry.
     *
     * @param registry the registry, e.g. Spring Boot's
     * @return the listener, for {@code listener(CallListener)} on any client builder
     */
    public static CatalogKitObservations of(ObservationRegistry registry) {
        return new CatalogKitObservations(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Starts the operation's observation and makes it current on this thread.
     *
     * @param call the operation
     */
    @Override
    public void callStarted(Call call) {
        if (registry.isNoop()) {
            return;
        }
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(call.platform() + " " + call.operation())
                .lowCardinalityKeyValue("platform", call.platform())
                .lowCardinalityKeyValue("operation", call.operation())
                .start();
        Open previous = open.put(call, new Open(observation, observation.openScope(), Thread.currentThread()));
        if (previous != null) {
            // the same Call started twice: end the first observation rather than leak it
            previous.close();
        }
    }

    /**
     * Adds a {@value #RETRY_EVENT} event to the operation's observation.
     *
     * @param call the operation
     * @param reason the status that failed, or {@code IO_ERROR}
     * @param delay the wait before the next attempt
     */
    @Override
    public void retrying(Call call, String reason, Duration delay) {
        Open o = open.get(call);
        if (o != null) {
            o.observation.event(Observation.Event.of(RETRY_EVENT, "retry after " + reason));
        }
    }

    /**
     * Sets the outcome keys (and the error, when the operation threw) and stops the observation.
     *
     * @param call the operation
     * @param result how it ended
     */
    @Override
    public void callEnded(Call call, Result result) {
        Open o = open.remove(call);
        if (o == null) {
            return;
        }
        Observation observation = o.observation;
        observation
                .lowCardinalityKeyValue("outcome", result.outcome().name())
                .lowCardinalityKeyValue("status", result.status())
                .lowCardinalityKeyValue("exception", result.exception())
                .highCardinalityKeyValue("attempts", Integer.toString(result.attempts()));
        if (!Result.NONE.equals(result.exception())) {
            observation.error(new CallFailedException(result.exception(), result.status()));
        }
        o.close();
    }

    /**
     * How many operations have started and not ended; for tests and diagnostics.
     *
     * @return the number of open observations
     */
    public int openObservations() {
        return open.size();
    }

    @Override
    public String toString() {
        return "CatalogKitObservations[open=" + open.size() + "]";
    }

    /** An observation with the scope that made it current on the thread that started it. */
    private static final class Open {
        private final Observation observation;
        private final Observation.Scope scope;
        private final Thread thread;

        Open(Observation observation, Observation.Scope scope, Thread thread) {
            this.observation = observation;
            this.scope = scope;
            this.thread = thread;
        }

        void close() {
            // a scope lives in its thread's locals: close it only there
            if (thread == Thread.currentThread()) {
                scope.close();
            }
            observation.stop();
        }
    }

    /**
     * The error an observation of an operation that threw carries: its message is the simple name
     * of the exception's type and the last status, nothing the server said. It has no stack trace.
     */
    public static final class CallFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The simple name of what the operation threw. */
        private final String exceptionType;

        CallFailedException(String exceptionType, String status) {
            super(exceptionType + " (status " + status + ")", null, false, false);
            this.exceptionType = exceptionType;
        }

        /**
         * The simple name of what the operation threw.
         *
         * @return e.g. {@code ServerException}
         */
        public String exceptionType() {
            return exceptionType;
        }
    }
}
