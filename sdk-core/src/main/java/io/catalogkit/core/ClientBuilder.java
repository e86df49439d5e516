package io.catalogkit.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The settings every catalogkit client builder shares: where the platform is, timeouts, retries,
 * and the HTTP client to share a connection pool with.
 *
 * <p>Defaults: connect timeout 10 s, read and write timeouts 30 s, call timeout 60 s for a whole
 * operation, retries and the waits between them included (never unlimited), 2 retries with
 * exponential backoff and full jitter from 500 ms up to 8 s, and a {@code Retry-After} honoured up
 * to 60 s (a longer one is not waited for: the call fails with the delay the server asked for).
 * Every duration is at most {@link #MAX_DURATION}, the longest OkHttp accepts. A builder is not
 * thread-safe; the client it builds is.
 *
 * @param <B> the concrete builder type, returned by every setter
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
    /** The longest duration any setting takes: {@code Integer.MAX_VALUE} ms (about 24.8 days). */
    public static final Duration MAX_DURATION = Duration.ofMillis(Integer.MAX_VALUE);

    /** How long a client waits for its credential store to hold a new value, unless set. */
    public static final Duration DEFAULT_CREDENTIAL_WAIT = Duration.ofSeconds(30);

    private String baseUrl;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private boolean callTimeoutSet;
    private int maxRetries = 2;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private OkHttpClient httpClient;
    private boolean allowInsecureHttp;
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private Duration credentialWait = DEFAULT_CREDENTIAL_WAIT;
    private CallListener listener;

    /** Creates a builder with the defaults above. */
    protected ClientBuilder() {}

    /**
     * The concrete builder, for fluent setters.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * The platform's base URL, e.g. {@code https://catalog.example.com}; a path prefix is kept.
     *
     * @param baseUrl an absolute {@code https://} URL ({@code http://} only to loopback, or with
     *     {@link #allowInsecureHttp(boolean)})
     * @return this builder
     */
    public B baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        return self();
    }

    /**
     * How long to wait for a connection.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return self();
    }

    /**
     * How long a read may block between bytes of the answer (OkHttp's read timeout). A TLS
     * handshake is held to it too; the whole of each attempt is held to what is left of the {@link
     * #callTimeout(Duration) call timeout}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public B readTimeout(Duration timeout) {
        this.readTimeout = positive(timeout, "readTimeout");
        return self();
    }

    /**
     * How long a write may block between bytes of the request (OkHttp's write timeout): it ends a
     * request whose body the server stops reading.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public B writeTimeout(Duration timeout) {
        this.writeTimeout = positive(timeout, "writeTimeout");
        return self();
    }

    /**
     * The most one operation may take from start to end, every attempt and every wait between
     * attempts included. Without this setting an operation that documents a longer default of its
     * own (a token create the platform may take minutes to answer) uses that; once set, it applies to
     * every operation.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public B callTimeout(Duration timeout) {
        this.callTimeout = positive(timeout, "callTimeout");
        this.callTimeoutSet = true;
        return self();
    }

    /**
     * How many times a failed call is retried: on I/O errors, 429, 502, 503 and 504, and only when
     * the operation is safe to repeat or the request surely never reached the server.
     *
     * @param maxRetries 0 or more (default 2); {@code Integer.MAX_VALUE} retries until the call
     *     timeout ends them
     * @return this builder
     */
    public B maxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
        }
        this.maxRetries = maxRetries;
        return self();
    }

    /**
     * The backoff between retries: attempt n waits a random time between 0 and {@code min(max,
     * initial * 2^n)}.
     *
     * @param initial the first backoff ceiling (0 or more)
     * @param max the largest backoff ceiling (at least {@code initial})
     * @return this builder
     */
    public B retryBackoff(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retryBackoff needs 0 <= initial <= max, was " + initial + ", " + max);
        }
        atMostMax(max, "retryBackoff max");
        this.initialBackoff = initial;
        this.maxBackoff = max;
        return self();
    }

    /**
     * The longest {@code Retry-After} that is waited for; a longer one ends the retries at once.
     *
     * @param max 0 or more (default 60 s)
     * @return this builder
     */
    public B maxRetryAfter(Duration max) {
        Objects.requireNonNull(max, "maxRetryAfter");
        if (max.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative, was " + max);
        }
        this.maxRetryAfter = atMostMax(max, "maxRetryAfter");
        return self();
    }

    /**
     * An OkHttp client to share a connection pool and dispatcher with. The timeouts of this builder
     * are applied on top of it; closing the catalogkit client leaves it open. It is also how to
     * trust a catalog whose certificate comes from a private certificate authority: build it with
     * {@code sslSocketFactory(...)} and an {@code X509TrustManager} that trusts that authority.
     *
     * @param httpClient the client to derive from
     * @return this builder
     */
    public B httpClient(OkHttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return self();
    }

    /**
     * Allows plain {@code http://} to a host other than loopback. Credentials then cross the
     * network unencrypted: use it only on a network you trust.
     *
     * @param allow true to allow
     * @return this builder
     */
    public B allowInsecureHttp(boolean allow) {
        this.allowInsecureHttp = allow;
        return self();
    }

    /**
     * What waits between retries (tests pass one that records instead of sleeping).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public B sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return self();
    }

    /**
     * The clock for {@code Retry-After} dates and token expiry (tests pass a fixed or movable one).
     *
     * @param clock the clock
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * How long a client whose credential comes from a store ({@code CredentialSource.fromFile},
     * {@code fromCommand} or your own) keeps reading the store, backing off, when the platform refused
     * the value it holds and the store still holds that value: a rotation elsewhere may not have
     * reached the store yet. Default 30 seconds; the operation's call timeout bounds it too. A fixed
     * credential ({@code Secret}, {@code CredentialSource.of}, {@code fromEnv}) never waits.
     *
     * @param wait the longest wait for a changed value; zero reads the store once and does not wait
     * @return this builder
     * @throws IllegalArgumentException when negative or longer than {@link #MAX_DURATION}
     */
    public B credentialWait(Duration wait) {
        Objects.requireNonNull(wait, "credentialWait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("credentialWait must not be negative, was " + wait);
        }
        this.credentialWait = atMostMax(wait, "credentialWait");
        return self();
    }

    /**
     * A listener told about every operation the client sends (start, end, retries, credential re-reads
     * and token mints), for metrics and tracing; see {@code sdk-micrometer}. Use {@link
     * CallListener#of(CallListener...)} to bind several.
     *
     * @param listener the listener
     * @return this builder
     */
    public B listener(CallListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * Checks the settings and freezes them.
     *
     * @param platform the platform name that starts messages
     * @param baseUrlVariable the environment variable that holds the base URL, named in the message
     *     when it is missing
     * @return the settings
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    protected ClientOptions options(String platform, String baseUrlVariable) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(
                    platform + " baseUrl is required: call baseUrl(\"https://...\") or set " + baseUrlVariable);
        }
        // A base URL may carry a password or a token: no message below quotes more than its host.
        HttpUrl url = HttpUrl.parse(baseUrl.trim());
        if (url == null) {
            throw new IllegalArgumentException(platform + " baseUrl is not an absolute http(s) URL such as"
                    + " https://catalog.example.com (the value is not shown: it may hold a credential)");
        }
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            throw new IllegalArgumentException(platform + " baseUrl to " + url.host() + " holds a user name or"
                    + " password (user:password@): remove it and pass credentials through the builder; the value is"
                    + " not shown");
        }
        if (url.query() != null || url.fragment() != null) {
            throw new IllegalArgumentException(platform + " baseUrl to " + url.host() + " must not have a query or"
                    + " fragment" + (looksLikeCredential(url) ? " (it seems to hold a credential, not shown)" : "")
                    + ": pass credentials through the builder");
        }
        if (!url.isHttps() && !allowInsecureHttp && !isLoopback(url.host())) {
            throw new IllegalArgumentException(platform + " baseUrl uses plain http:// to " + url.host()
                    + ", which would send credentials unencrypted; use https://, or call allowInsecureHttp(true)"
                    + " if you accept that risk");
        }
        return new ClientOptions(
                url,
                connectTimeout,
                readTimeout,
                writeTimeout,
                callTimeout,
                callTimeoutSet,
                maxRetries,
                initialBackoff,
                maxBackoff,
                maxRetryAfter,
                httpClient,
                sleeper,
                clock,
                credentialWait,
                listener);
    }

    /** Query names that usually carry a credential. */
    private static final java.util.regex.Pattern CREDENTIAL_NAME = java.util.regex.Pattern.compile(
            "(?i).*(token|key|secret|password|passwd|pwd|auth|credential|signature|sig|session).*");

    static boolean looksLikeCredential(HttpUrl url) {
        for (String name : url.queryParameterNames()) {
            if (CREDENTIAL_NAME.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is never resolved here.
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return atMostMax(d, name);
    }

    private static Duration atMostMax(Duration d, String name) {
        if (d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_DURATION + " (Integer.MAX_VALUE ms),"
                    + " the longest OkHttp accepts, was " + d);
        }
        return d;
    }
}
