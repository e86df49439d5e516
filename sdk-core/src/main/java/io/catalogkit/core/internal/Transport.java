package io.catalogkit.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CallListener;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point a platform client sends through: a small pipeline of stages, each with one
 * job. {@link HttpSender} sends one exchange per attempt and lets OkHttp repeat nothing; {@link
 * RetryPolicy} decides, alone, whether an attempt is repeated; {@link ErrorMapper} turns an error
 * answer, read by the platform's {@link ErrorParser}, into an exception; {@link AnswerReader} reads
 * the JSON of a success once. This class only wires them: the URL, the request, the time budget,
 * one DEBUG line per attempt, and the client's lifecycle.
 *
 * <p>The time budget of an operation is the client's call timeout, or the operation's own longer
 * default when the call timeout was not set explicitly; every attempt and every wait between
 * attempts come out of it. After {@link #close()} every call throws {@link IllegalStateException}
 * before anything is sent. Thread-safe; one per client.
 */
public final class Transport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.http");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);
    private static final int MAX_FIXED_PATHS = 64;
    /** How many times one operation sends again after reading a refused credential's store anew. */
    private static final int MAX_REREADS = 3;

    private final ClientOptions options;
    private final String platform;
    private final Credentials credentials;
    private final String requestIdHeader;
    private final ErrorParser parser;
    private final ErrorMapper errors;
    private final RetryPolicy policy;
    private final HttpSender sender;
    /** The base URL without a trailing empty segment, so that paths append cleanly. */
    private final HttpUrl root;
    /**
     * The base URL with each fixed path already appended and canonicalised, so that a call builds
     * only its query; the paths are the platforms' constants (bounded all the same).
     */
    private final ConcurrentMap<String, HttpUrl> fixedPaths = new ConcurrentHashMap<>();
    /** The headers every request carries, checked and built once. */
    private final Headers staticHeaders;
    /** Whether the request-id header can be added without replacing a static header. */
    private final boolean requestIdIsExtra;

    private final CallListener listener;
    private final String listenerPlatform;
    /** The operations' metric names, made once per operation text (a bounded set of constants). */
    private final ConcurrentMap<String, String> metricNames = new ConcurrentHashMap<>();

    private volatile boolean closed;

    private Transport(Builder b) {
        this.options = b.options;
        this.platform = b.platform;
        this.credentials = b.credentials;
        this.requestIdHeader = b.requestIdHeader;
        this.parser = b.parser;
        this.errors = new ErrorMapper(platform, b.redactor);
        this.policy = new RetryPolicy(options);
        List<String> credentialHeaders = new ArrayList<>(b.credentialHeaders);
        if (credentials.headerName() != null) {
            credentialHeaders.add(credentials.headerName());
        }
        this.sender = new HttpSender(options, credentialHeaders);
        HttpUrl.Builder r = options.baseUrl().newBuilder().encodedPath("/");
        for (String s : options.baseUrl().encodedPathSegments()) {
            if (!s.isEmpty()) {
                r.addEncodedPathSegment(s);
            }
        }
        this.root = r.build();
        this.staticHeaders = new Headers.Builder()
                .add("User-Agent", Version.USER_AGENT)
                .add("Accept", "application/json")
                .build();
        this.requestIdIsExtra = requestIdHeader != null && staticHeaders.get(requestIdHeader) == null;
        this.listener = Listeners.guard(options.listener().orElse(null));
        this.listenerPlatform = Listeners.platform(platform);
    }

    /**
     * The client's listener, guarded so that it never throws, or null when none was set.
     *
     * @return the listener, or null
     */
    public CallListener listener() {
        return listener;
    }

    /**
     * Starts a transport.
     *
     * @param options the client's settings
     * @param platform the platform name that starts messages and log lines
     * @return a builder
     */
    public static Builder builder(ClientOptions options, String platform) {
        return new Builder(options, platform);
    }

    /**
     * The client's settings.
     *
     * @return the options
     */
    public ClientOptions options() {
        return options;
    }

    /**
     * The OkHttp client this transport sends with: derived from the caller's, with follow-ups off
     * and the network guards installed. Its read, write and call timeouts are zero because the
     * transport holds them per exchange; not a client for other calls.
     *
     * @return the client
     */
    public OkHttpClient httpClient() {
        return sender.client();
    }

    /**
     * The base URL as a client's {@code toString()} shows it: without user name and password.
     *
     * @return the base URL
     */
    public String baseUrlForDisplay() {
        return options.baseUrl().newBuilder().username("").password("").build().toString();
    }

    /**
     * The client's redactor, which knows every secret the client holds.
     *
     * @return the redactor
     */
    public Redactor redactor() {
        return errors.redactor();
    }

    /**
     * Throws when the client was closed; for client methods that may answer without a request.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "This " + platform + " client is closed: build a new one (nothing was sent)");
        }
    }

    /**
     * Sends a request, with retries, and returns its successful answer parsed as a JSON tree.
     *
     * @param request the request
     * @return the answer
     * @throws ApiException on an error status
     * @throws MalformedResponseException when a 2xx body is not JSON
     * @throws TransportException when no answer came
     * @throws IllegalStateException when the client is closed
     */
    public Answer exchange(ApiRequest request) {
        Tracker t = track(request);
        try {
            Result r = execute(request, t);
            JsonNode body = r.tree;
            if (r.unreadable != null) {
                throw malformed(request, r, r.unreadable);
            }
            if (!r.parsed && r.raw != null) {
                try {
                    body = AnswerReader.tree(r.raw.body());
                } catch (AnswerReader.Unreadable e) {
                    throw malformed(request, r, e.getMessage());
                }
            }
            Answer answer = new Answer(request, errors, r.creds, r.status, r.path, r.contentType, r.requestId, body);
            ended(t, null);
            return answer;
        } catch (RuntimeException | Error e) {
            ended(t, e);
            throw e;
        }
    }

    /**
     * Sends a request and reads its JSON answer straight into a class, parsing it once.
     *
     * @param request the request
     * @param type the class to read, e.g. a wire record or {@code JsonNode}
     * @param <T> the result type
     * @return the answer, or null when the body was empty
     * @throws ApiException on an error status
     * @throws MalformedResponseException when the 2xx body is not JSON of that type (naming the
     *     field, never its value)
     * @throws TransportException when no answer came
     */
    public <T> T send(ApiRequest request, Class<T> type) {
        return send(request, Json.MAPPER.getTypeFactory().constructType(type));
    }

    /**
     * Sends a request and reads its JSON answer straight into a generic type.
     *
     * @param request the request
     * @param type the type, e.g. {@code new TypeReference<List<Dto>>() {}}
     * @param <T> the result type
     * @return the answer, or null when the body was empty
     */
    public <T> T send(ApiRequest request, TypeReference<T> type) {
        return send(request, Json.MAPPER.getTypeFactory().constructType(type));
    }

    private <T> T send(ApiRequest request, JavaType type) {
        Tracker t = track(request);
        try {
            Result r = execute(request, t);
            T value;
            if (r.raw == null) {
                value = null;
            } else if (r.unreadable != null) {
                throw malformed(request, r, r.unreadable);
            } else {
                try {
                    value = r.parsed
                            ? AnswerReader.typedFromTree(r.tree, type)
                            : AnswerReader.typed(r.raw.body(), type);
                } catch (AnswerReader.Unreadable e) {
                    throw malformed(request, r, e.getMessage());
                }
            }
            ended(t, null);
            return value;
        } catch (RuntimeException | Error e) {
            ended(t, e);
            throw e;
        }
    }

    /** What the listener is told about one operation; null when the client has no listener. */
    private static final class Tracker {
        final CallListener.Call call;
        final long start = System.nanoTime();
        int attempts;
        int lastStatus;

        Tracker(CallListener.Call call) {
            this.call = call;
        }
    }

    private Tracker track(ApiRequest request) {
        if (listener == null) {
            return null;
        }
        String name = metricNames.get(request.operation);
        if (name == null) {
            name = Listeners.operation(request.operation);
            if (metricNames.size() < MAX_FIXED_PATHS) {
                metricNames.put(request.operation, name);
            }
        }
        Tracker t = new Tracker(new CallListener.Call(listenerPlatform, name));
        listener.callStarted(t.call);
        return t;
    }

    private void ended(Tracker t, Throwable failure) {
        if (t == null) {
            return;
        }
        int status = t.lastStatus;
        if (failure instanceof ApiException api && status == 0) {
            status = api.statusCode();
        }
        CallListener.Outcome outcome;
        if (status == 0 || failure instanceof MalformedResponseException || failure instanceof TransportException) {
            outcome = CallListener.Outcome.UNKNOWN;
        } else if (status >= 500) {
            outcome = CallListener.Outcome.SERVER_ERROR;
        } else if (status >= 400) {
            outcome = CallListener.Outcome.CLIENT_ERROR;
        } else {
            outcome = failure == null ? CallListener.Outcome.SUCCESS : CallListener.Outcome.UNKNOWN;
        }
        listener.callEnded(
                t.call,
                new CallListener.Result(
                        outcome,
                        status == 0 ? CallListener.Result.IO_ERROR : String.valueOf(status),
                        t.attempts,
                        Duration.ofNanos(System.nanoTime() - t.start),
                        failure == null
                                ? CallListener.Result.NONE
                                : failure.getClass().getSimpleName()));
    }

    private MalformedResponseException malformed(ApiRequest request, Result r, String expected) {
        return errors.malformed(request, r.path, r.raw.status(), contentType(r.raw), expected, secrets(r.creds));
    }

    /**
     * A 2xx (with its raw answer) or a status accepted as done (raw null). When a retry test read
     * the answer, {@code parsed} is true, the body is consumed, and its JSON is in {@code tree} (null
     * for a blank body) or what it failed to be in {@code unreadable}.
     */
    private record Result(
            HttpSender.Raw raw,
            boolean parsed,
            JsonNode tree,
            String unreadable,
            int status,
            String path,
            String contentType,
            String requestId,
            Credentials creds) {}

    private Result execute(ApiRequest request, Tracker tracker) {
        checkOpen();
        long start = System.nanoTime();
        long budget = budgetNanos(request);
        int rereads = 0;
        HttpUrl url = url(request);
        String path = url.encodedPath();
        String requestId = newRequestId();
        Credentials creds = request.credentials != null ? request.credentials : credentials;
        RequestBody body = body(request);
        int readTimeout = request.timeout == null ? 0 : (int) Math.min(request.timeout.toMillis(), Integer.MAX_VALUE);
        boolean outcomeUnknown = false;
        for (int attempt = 1; ; attempt++) {
            checkOpen();
            long remaining = budget - (System.nanoTime() - start);
            if (remaining <= 0) {
                throw errors.transportFailure(request, path, null, outcomeUnknown, attempt - 1);
            }
            Attempt state = new Attempt(readTimeout);
            Secret[] sentValue = new Secret[1];
            Request http = httpRequest(request, url, body, requestId, creds, state, sentValue);
            long sentAt = System.nanoTime();
            if (tracker != null) {
                tracker.attempts++;
            }
            HttpSender.Raw raw;
            try {
                raw = sender.send(http, state, remaining);
            } catch (HttpSender.Failed f) {
                if (tracker != null) {
                    tracker.lastStatus = 0;
                }
                log(request, path, 0, f.getCause(), sentAt, attempt);
                boolean mayHaveReached = f.sent() || outcomeUnknown;
                if (Thread.currentThread().isInterrupted()) {
                    throw new TransportException(
                            platform + " " + request.operation + ": " + request.method + " " + path
                                    + " was interrupted",
                            mayHaveReached,
                            f.getCause());
                }
                outcomeUnknown |= RetryPolicy.outcomeUnknown(f.sent(), 0);
                Duration wait = policy.afterFailure(request, attempt, f.sent(), budget - (System.nanoTime() - start));
                if (wait == null) {
                    throw errors.transportFailure(request, path, f.getCause(), mayHaveReached, attempt);
                }
                sleep(request, path, wait, mayHaveReached, tracker, CallListener.Result.IO_ERROR);
                continue;
            }
            int status = raw.status();
            if (tracker != null) {
                tracker.lastStatus = status;
            }
            log(request, path, status, null, sentAt, attempt);
            if (status >= 200 && status < 300) {
                JsonNode tree = null;
                String unreadable = null;
                boolean parsed = request.retryIfAnswer != null;
                if (parsed) {
                    try {
                        tree = AnswerReader.tree(raw.body());
                    } catch (AnswerReader.Unreadable e) {
                        unreadable = e.getMessage();
                    }
                    if (tree != null && request.retryIfAnswer.test(tree)) {
                        Duration wait =
                                policy.afterStatus(request, attempt, 503, null, budget - (System.nanoTime() - start));
                        if (wait != null) {
                            sleep(request, path, wait, true, tracker, String.valueOf(status));
                            continue;
                        }
                    }
                }
                String id = parser.requestId(raw.headers());
                return new Result(
                        raw,
                        parsed,
                        tree,
                        unreadable,
                        status,
                        path,
                        contentType(raw),
                        id != null ? id : requestId,
                        creds);
            }
            if (outcomeUnknown && status == request.doneIfReplayAnswers) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug(
                            "{} {}: answered {} after an attempt whose outcome is unknown: that attempt did the work",
                            platform,
                            request.operation,
                            status);
                }
                return new Result(null, false, null, null, status, path, contentType(raw), requestId, creds);
            }
            if (status == 401 && sentValue[0] != null && creds.held() != null && rereads < MAX_REREADS) {
                HeldCredential held = creds.held();
                Secret fresh = held.refused(sentValue[0], start + budget);
                if (fresh == null && !held.rereadable()) {
                    throw error(request, path, raw, null, requestId, creds);
                }
                if (fresh == null) {
                    ApiException refused = error(request, path, raw, null, requestId, creds);
                    throw new AuthenticationException(
                            refused.getMessage() + " " + held.staleSentence(),
                            refused.statusCode(),
                            refused.requestId().orElse(null),
                            refused.errorCode().orElse(null),
                            refused.method(),
                            refused.path());
                }
                // A refused credential means nothing was done: the request goes once more, whatever the
                // operation, and the attempt does not count against maxRetries.
                rereads++;
                attempt--;
                continue;
            }
            Duration retryAfter = policy.retryAfter(raw.retryAfter());
            outcomeUnknown |= RetryPolicy.outcomeUnknown(true, status);
            Duration wait =
                    policy.afterStatus(request, attempt, status, retryAfter, budget - (System.nanoTime() - start));
            if (wait == null) {
                throw error(request, path, raw, retryAfter, requestId, creds);
            }
            sleep(request, path, wait, true, tracker, String.valueOf(status));
        }
    }

    private long budgetNanos(ApiRequest request) {
        Duration budget = options.callTimeout();
        if (request.timeout != null && !options.callTimeoutSet() && request.timeout.compareTo(budget) > 0) {
            budget = request.timeout;
        }
        return budget.toNanos();
    }

    private ApiException error(
            ApiRequest request, String path, HttpSender.Raw raw, Duration retryAfter, String sentId, Credentials c) {
        JsonNode body = null;
        if (raw.body() != null) {
            try {
                body = AnswerReader.tree(raw.body());
            } catch (AnswerReader.Unreadable e) {
                body = null;
            }
        }
        ErrorReport parsed = parser.parse(raw.status(), raw.headers(), body);
        String id = parser.requestId(raw.headers());
        if (id == null) {
            id = parsed.requestId() != null ? parsed.requestId() : sentId;
        }
        // The parser may state another status than the HTTP one (an OAuth invalid_client sent as 400).
        ErrorReport report = new ErrorReport(parsed.status(), parsed.errorCode(), parsed.message(), id, retryAfter);
        return errors.toException(request, path, raw.status(), report, secrets(c));
    }

    static List<Secret> secrets(Credentials c) {
        return c.current().map(List::of).orElse(List.of());
    }

    private static String contentType(HttpSender.Raw raw) {
        return raw.headers().get("Content-Type");
    }

    private HttpUrl url(ApiRequest request) {
        List<String> p = request.path;
        List<String> q = request.query;
        if (p.size() == 2 && p.get(0) != null) {
            HttpUrl fixed = fixedPaths.get(p.get(0));
            if (fixed == null) {
                fixed = root.newBuilder().addPathSegments(p.get(0)).build();
                if (fixedPaths.size() < MAX_FIXED_PATHS) {
                    fixedPaths.put(p.get(0), fixed);
                }
            }
            if (q.isEmpty()) {
                return fixed;
            }
            HttpUrl.Builder b = fixed.newBuilder();
            for (int i = 0; i < q.size(); i += 2) {
                b.addQueryParameter(q.get(i), q.get(i + 1));
            }
            return b.build();
        }
        HttpUrl.Builder b = root.newBuilder();
        for (int i = 0; i < p.size(); i += 2) {
            if (p.get(i) != null) {
                b.addPathSegments(p.get(i));
            } else {
                b.addPathSegment(p.get(i + 1));
            }
        }
        for (int i = 0; i < q.size(); i += 2) {
            b.addQueryParameter(q.get(i), q.get(i + 1));
        }
        return b.build();
    }

    private RequestBody body(ApiRequest request) {
        if (request.body instanceof RequestBody ready) {
            // A body in another encoding than JSON (e.g. an OAuth form), built by the caller.
            return ready;
        }
        if (request.body != null) {
            try {
                return RequestBody.create(Json.MAPPER.writeValueAsBytes(request.body), JSON);
            } catch (JsonProcessingException e) {
                throw new CatalogKitException(
                        platform + " " + request.operation + ": the request body could not be written as JSON", e);
            }
        }
        return request.method.equals("POST") || request.method.equals("PUT") ? EMPTY : null;
    }

    private Request httpRequest(
            ApiRequest request,
            HttpUrl url,
            RequestBody body,
            String requestId,
            Credentials creds,
            Attempt state,
            Secret[] sentValue) {
        Request.Builder b = new Request.Builder()
                .url(url)
                .headers(staticHeaders)
                .method(request.method, body)
                .tag(Attempt.class, state);
        if (requestIdIsExtra) {
            b.addHeader(requestIdHeader, requestId);
        } else if (requestIdHeader != null) {
            b.header(requestIdHeader, requestId);
        }
        for (Map.Entry<String, String> h : request.headers.entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        sentValue[0] = creds.apply(b);
        return b.build();
    }

    /** A random, UUID-shaped id; unlike {@link UUID#randomUUID()} it does not draw on SecureRandom. */
    static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private void sleep(
            ApiRequest request, String path, Duration wait, boolean mayHaveReached, Tracker tracker, String reason) {
        if (tracker != null) {
            listener.retrying(tracker.call, reason, wait);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} {}: retrying {} {} in {} ms",
                    platform,
                    request.operation,
                    request.method,
                    path,
                    wait.toMillis());
        }
        try {
            options.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(
                    platform + " " + request.operation + ": interrupted while waiting to retry", mayHaveReached, e);
        }
    }

    private void log(ApiRequest request, String path, int status, Exception failure, long startNanos, int attempt) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} {}: {} {} -> {} in {} ms (attempt {}/{})",
                    platform,
                    request.operation,
                    request.method,
                    path,
                    failure != null ? failure.getClass().getSimpleName() : String.valueOf(status),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    attempt,
                    policy.maxAttempts());
        }
    }

    /**
     * Stops the client: every later call throws {@link IllegalStateException} before sending.
     * Closes the connection pool and threads, unless the OkHttp client was the caller's.
     */
    @Override
    public void close() {
        closed = true;
        sender.close();
    }

    /** Builds a {@link Transport}. */
    public static final class Builder {
        private final ClientOptions options;
        private final String platform;
        private Credentials credentials = Credentials.none();
        private String requestIdHeader = "X-Request-Id";
        private ErrorParser parser = FieldErrorParser.builder().build();
        private final List<String> credentialHeaders = new ArrayList<>();
        private Redactor redactor = new Redactor();

        private Builder(ClientOptions options, String platform) {
            this.options = Objects.requireNonNull(options, "options");
            this.platform = Objects.requireNonNull(platform, "platform");
        }

        /**
         * The client's credentials, applied to every request that does not bring its own.
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * Further headers that may carry credentials (a per-call credential of another kind than the
         * client's); each, like the client's own and {@code Authorization}, goes only to the base
         * URL's origin.
         *
         * @param headers header names
         * @return this builder
         */
        public Builder credentialHeaders(String... headers) {
            this.credentialHeaders.addAll(List.of(headers));
            return this;
        }

        /**
         * The header that carries the request id catalogkit makes for each call, or null for none.
         *
         * @param header the header name
         * @return this builder
         */
        public Builder requestIdHeader(String header) {
            this.requestIdHeader = header;
            return this;
        }

        /**
         * The platform's reading of its error answers and request-id headers.
         *
         * @param parser the parser
         * @return this builder
         */
        public Builder errorParser(ErrorParser parser) {
            this.parser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /**
         * The client's redactor: it cleans every server text that enters a message, and the client
         * tells it every secret it holds.
         *
         * @param redactor the redactor
         * @return this builder
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return the transport
         */
        public Transport build() {
            return new Transport(this);
        }
    }
}
