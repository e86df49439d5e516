package io.catalogkit.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The checked, frozen settings of a client, made by {@link ClientBuilder}. Immutable.
 */
public final class ClientOptions {
    private final HttpUrl baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration callTimeout;
    private final boolean callTimeoutSet;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final OkHttpClient httpClient;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration credentialWait;
    private final CallListener listener;

    ClientOptions(
            HttpUrl baseUrl,
            Duration connectTimeout,
            Duration readTimeout,
            Duration writeTimeout,
            Duration callTimeout,
            boolean callTimeoutSet,
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration maxRetryAfter,
            OkHttpClient httpClient,
            Sleeper sleeper,
            Clock clock,
            Duration credentialWait,
            CallListener listener) {
        this.baseUrl = baseUrl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.writeTimeout = writeTimeout;
        this.callTimeout = callTimeout;
        this.callTimeoutSet = callTimeoutSet;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxRetryAfter = maxRetryAfter;
        this.httpClient = httpClient;
        this.sleeper = sleeper;
        this.clock = clock;
        this.credentialWait = credentialWait;
        this.listener = listener;
    }

    /**
     * The platform's base URL.
     *
     * @return the base URL
     */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /**
     * The connect timeout.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The read timeout.
     *
     * @return the timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * The write timeout.
     *
     * @return the timeout
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * The most one whole operation may take, retries and waits included.
     *
     * @return the timeout
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * Whether the call timeout was set explicitly: then it wins over an operation's own longer
     * default.
     *
     * @return true when {@code callTimeout(...)} was called on the builder
     */
    public boolean callTimeoutSet() {
        return callTimeoutSet;
    }

    /**
     * How many retries a call may have.
     *
     * @return 0 or more
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * The first backoff ceiling.
     *
     * @return the duration
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The largest backoff ceiling.
     *
     * @return the duration
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The longest {@code Retry-After} waited for.
     *
     * @return the duration
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The caller's OkHttp client to share, if one was given.
     *
     * @return the client
     */
    public Optional<OkHttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /**
     * What waits between retries.
     *
     * @return the sleeper
     */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * The clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * How long a client keeps reading its credential store for a changed value after a refusal.
     *
     * @return the wait; zero for none
     */
    public Duration credentialWait() {
        return credentialWait;
    }

    /**
     * The listener told about every operation, if one was set.
     *
     * @return the listener
     */
    public Optional<CallListener> listener() {
        return Optional.ofNullable(listener);
    }
}
