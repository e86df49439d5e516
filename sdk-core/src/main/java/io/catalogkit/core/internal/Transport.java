package io.catalogkit.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP transport every platform client uses: URL building, credentials, JSON, timeouts,
 * retries, request ids, logging and error mapping. Thread-safe; one per client.
 *
 * <p>Retries happen here and nowhere else: up to {@code maxRetries} on I/O errors, 429, 502, 503
 * and 504, with exponential backoff and full jitter, honouring {@code Retry-After} up to a ceiling.
 * A call not marked safe to repeat is retried only when it failed before it was sent. OkHttp's own
 * silent connection retries and redirects are off, so that neither replays a request behind our
 * back nor carries credentials to another host.
 */
public final class Transport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.http");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    private static final List<String> RESPONSE_REQUEST_ID_HEADERS =
            List.of("X-Request-Id", "X-Atlan-Request-Id", "X-Correlation-Id", "X-Amzn-RequestId");

    /** Marks an attempt as sent once OkHttp has a connection and is about to write the request. */
    private static final Interceptor SENT_MARKER = chain -> {
        Attempt attempt = chain.request().tag(Attempt.class);
        if (attempt != null) {
            attempt.sent = true;
        }
        return chain.proceed(chain.request());
    };

    private final ClientOptions options;
    private final String platform;
    private final Credentials credentials;
    private final String requestIdHeader;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final ErrorMapper errors;
    private final List<String> basePath;

    private Transport(Builder b) {
        this.options = b.options;
        this.platform = b.platform;
        this.credentials = b.credentials;
        this.requestIdHeader = b.requestIdHeader;
        this.ownsClient = options.httpClient().isEmpty();
        OkHttpClient base = options.httpClient().orElseGet(OkHttpClient::new);
        this.client = base.newBuilder()
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.writeTimeout())
                .callTimeout(options.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(SENT_MARKER)
                .build();
        this.errors = new ErrorMapper(platform);
        List<String> segments = new ArrayList<>();
        for (String s : options.baseUrl().pathSegments()) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        this.basePath = List.copyOf(segments);
    }

    /**
     * Starts a transport.
     *
     * @param options the client's settings
     * @param platform the platform name for messages and logs
     * @return a builder
     */
    public static Builder builder(ClientOptions options, String platform) {
        return new Builder(options, platform);
    }

    /**
     * The mapper this transport raises errors with, for errors platforms report inside 2xx bodies.
     *
     * @return the error mapper
     */
    public ErrorMapper errors() {
        return errors;
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
     * The OkHttp client this transport sends with (timeouts and interceptors applied).
     *
     * @return the client
     */
    public OkHttpClient httpClient() {
        return client;
    }

    /**
     * Sends a request and reads its JSON answer into a class.
     *
     * @param request the request
     * @param type the class to read, e.g. a wire DTO or {@code JsonNode}
     * @param <T> the result type
     * @return the answer, or null when the body was empty
     * @throws ApiException on an error status
     * @throws MalformedResponseException when the 2xx body is not JSON of that type
     * @throws TransportException when no answer came
     */
    public <T> T send(ApiRequest request, Class<T> type) {
        Exchange ex = exchange(request);
        return read(request, ex, ex.body(), type);
    }

    /**
     * Sends a request and reads its JSON answer into a generic type.
     *
     * @param request the request
     * @param type the type to read, e.g. {@code new TypeReference<List<Dto>>() {}}
     * @param <T> the result type
     * @return the answer, or null when the body was empty
     */
    public <T> T send(ApiRequest request, TypeReference<T> type) {
        Exchange ex = exchange(request);
        return read(request, ex, ex.body(), type);
    }

    /**
     * Converts (part of) an answer to a class, raising {@link MalformedResponseException} naming
     * the field that did not fit, never quoting its value.
     *
     * @param request the request
     * @param ex the exchange the node came from
     * @param node the JSON node, may be null
     * @param type the class
     * @param <T> the result type
     * @return the value, or null for a null or missing node
     */
    public <T> T read(ApiRequest request, Exchange ex, JsonNode node, Class<T> type) {
        return convert(request, ex, node, Json.MAPPER.getTypeFactory().constructType(type));
    }

    /**
     * Converts (part of) an answer to a generic type; see {@link #read(ApiRequest, Exchange,
     * JsonNode, Class)}.
     *
     * @param request the request
     * @param ex the exchange the node came from
     * @param node the JSON node, may be null
     * @param type the type
     * @param <T> the result type
     * @return the value, or null for a null or missing node
     */
    public <T> T read(ApiRequest request, Exchange ex, JsonNode node, TypeReference<T> type) {
        return convert(request, ex, node, Json.MAPPER.getTypeFactory().constructType(type));
    }

    private <T> T convert(ApiRequest request, Exchange ex, JsonNode node, JavaType javaType) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(node, javaType);
        } catch (MismatchedInputException e) {
            throw malformed(
                    request, ex, "JSON of the expected shape (field '" + e.getPathReference() + "' did not fit)");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw malformed(
                    request,
                    ex,
                    "JSON of the expected shape (" + javaType.getRawClass().getSimpleName() + ")");
        }
    }

    /**
     * An exception for a 2xx answer that is not what the platform sends.
     *
     * @param request the request
     * @param ex the exchange
     * @param what what was expected
     * @return the exception, to be thrown
     */
    public MalformedResponseException malformed(ApiRequest request, Exchange ex, String what) {
        return errors.malformed(request, ex.path(), ex.status(), ex.contentType(), what);
    }

    /**
     * An exception for an error a platform reports inside a 2xx body.
     *
     * @param request the request
     * @param ex the exchange
     * @param report what the body said
     * @return the exception, to be thrown
     */
    public ApiException fail(ApiRequest request, Exchange ex, ErrorReport report) {
        return errors.toException(
                request, ex.path(), ex.status(), report.withRequestIdIfAbsent(ex.requestId()), sentSecrets(request));
    }

    /**
     * Sends a request with retries and returns the successful answer, parsed.
     *
     * @param request the request
     * @return the 2xx exchange
     * @throws ApiException on an error status
     * @throws MalformedResponseException when a 2xx body is not JSON
     * @throws TransportException when no answer came
     */
    public Exchange exchange(ApiRequest request) {
        HttpUrl url = url(request);
        String path = url.encodedPath();
        String requestId = UUID.randomUUID().toString();
        int maxAttempts = options.maxRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            Attempt state = new Attempt();
            Request httpRequest = httpRequest(request, url, requestId, state);
            long start = System.nanoTime();
            try (Response response = newCall(request, httpRequest).execute()) {
                int status = response.code();
                log(request, path, String.valueOf(status), start, attempt, maxAttempts);
                String responseId = responseRequestId(response);
                String contentType = response.header("Content-Type");
                if (status >= 200 && status < 300) {
                    JsonNode body = readJson(response.body());
                    Exchange ex =
                            new Exchange(status, path, contentType, body, responseId != null ? responseId : requestId);
                    if (body == BAD_JSON) {
                        throw malformed(request, ex, "a JSON body");
                    }
                    return ex;
                }
                if (attempt > 1 && status == request.doneIfReplayAnswers) {
                    LOG.debug(
                            "{} {}: the replay answered {}: an earlier attempt did the work",
                            platform,
                            request.operation,
                            status);
                    return new Exchange(status, path, response.header("Content-Type"), null, requestId);
                }
                Duration retryAfter = retryAfter(response.header("Retry-After"));
                if (isRetryableStatus(status) && request.safeToRetry && attempt < maxAttempts) {
                    Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
                    if (wait.compareTo(options.maxRetryAfter()) <= 0) {
                        sleep(request, path, wait);
                        continue;
                    }
                }
                JsonNode body = readJsonQuietly(response.body());
                ErrorReport parsed = ErrorMapper.parseBody(status, body == BAD_JSON ? null : body);
                String id =
                        responseId != null ? responseId : parsed.requestId() != null ? parsed.requestId() : requestId;
                ErrorReport report = new ErrorReport(status, parsed.errorCode(), parsed.message(), id, retryAfter);
                throw errors.toException(request, path, report, sentSecrets(request));
            } catch (IOException e) {
                log(request, path, e.getClass().getSimpleName(), start, attempt, maxAttempts);
                if (Thread.currentThread().isInterrupted()) {
                    throw new TransportException(
                            platform + " " + request.operation + ": " + request.method + " " + path
                                    + " was interrupted",
                            state.sent,
                            e);
                }
                boolean mayRetry = request.safeToRetry || !state.sent;
                if (mayRetry && attempt < maxAttempts) {
                    sleep(request, path, backoff(attempt));
                    continue;
                }
                throw transportFailure(request, path, e, state.sent, attempt);
            }
        }
    }

    private TransportException transportFailure(
            ApiRequest request, String path, IOException e, boolean sent, int attempts) {
        String what = e instanceof InterruptedIOException
                ? "timed out"
                : "failed (" + e.getClass().getSimpleName() + ")";
        StringBuilder m = new StringBuilder()
                .append(platform)
                .append(' ')
                .append(request.operation)
                .append(": ")
                .append(request.method)
                .append(' ')
                .append(path)
                .append(' ')
                .append(what)
                .append(" after ")
                .append(attempts)
                .append(attempts == 1 ? " attempt." : " attempts.");
        if (!sent) {
            m.append(" The request never reached the server: check the base URL and the network.");
        } else if (!request.safeToRetry) {
            m.append(" The request may have reached the server, so it was not repeated.");
            if (request.ambiguousFailureHint != null) {
                m.append(' ').append(request.ambiguousFailureHint);
            }
        }
        return new TransportException(m.toString(), sent, e);
    }

    private HttpUrl url(ApiRequest request) {
        HttpUrl.Builder b = options.baseUrl().newBuilder().encodedPath("/");
        for (String s : basePath) {
            b.addEncodedPathSegment(s);
        }
        for (String[] p : request.path) {
            if (p[0].equals("raw")) {
                b.addPathSegments(p[1]);
            } else {
                b.addPathSegment(p[1]);
            }
        }
        for (String[] q : request.query) {
            b.addQueryParameter(q[0], q[1]);
        }
        return b.build();
    }

    private Request httpRequest(ApiRequest request, HttpUrl url, String requestId, Attempt state) {
        RequestBody body = null;
        if (request.body != null) {
            try {
                body = RequestBody.create(Json.MAPPER.writeValueAsBytes(request.body), JSON);
            } catch (JsonProcessingException e) {
                throw new CatalogKitException(
                        platform + " " + request.operation + ": the request body could not be written as JSON", e);
            }
        } else if (request.method.equals("POST") || request.method.equals("PUT")) {
            body = RequestBody.create(new byte[0], null);
        }
        Request.Builder b = new Request.Builder()
                .url(url)
                .method(request.method, body)
                .header("User-Agent", Version.USER_AGENT)
                .header("Accept", "application/json")
                .tag(Attempt.class, state);
        if (requestIdHeader != null) {
            b.header(requestIdHeader, requestId);
        }
        for (Map.Entry<String, String> h : request.headers.entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        (request.credentials != null ? request.credentials : credentials).apply(b);
        return b.build();
    }

    private okhttp3.Call newCall(ApiRequest request, Request httpRequest) {
        OkHttpClient c = client;
        if (request.timeout != null) {
            c = client.newBuilder()
                    .readTimeout(request.timeout)
                    .callTimeout(request.timeout)
                    .build();
        }
        return c.newCall(httpRequest);
    }

    private List<Secret> sentSecrets(ApiRequest request) {
        List<Secret> out = new ArrayList<>(2);
        (request.credentials != null ? request.credentials : credentials)
                .current()
                .ifPresent(out::add);
        return out;
    }

    private static final JsonNode BAD_JSON = com.fasterxml.jackson.databind.node.TextNode.valueOf("\u0000invalid");

    private static JsonNode readJson(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        if (source.request(MAX_BODY_BYTES + 1)) {
            return BAD_JSON;
        }
        byte[] bytes = source.readByteArray();
        if (bytes.length == 0 || isBlank(bytes)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            return BAD_JSON;
        }
    }

    private static JsonNode readJsonQuietly(ResponseBody body) {
        try {
            return readJson(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static String responseRequestId(Response response) {
        for (String h : RESPONSE_REQUEST_ID_HEADERS) {
            String v = response.header(h);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    static boolean isRetryableStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            if (h.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(h));
            }
            ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(options.clock().instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    Duration backoff(int attempt) {
        long initial = options.initialBackoff().toMillis();
        long ceiling = Math.min(options.maxBackoff().toMillis(), initial << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private void sleep(ApiRequest request, String path, Duration wait) {
        LOG.debug("{} {}: retrying {} {} in {} ms", platform, request.operation, request.method, path, wait.toMillis());
        try {
            options.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(
                    platform + " " + request.operation + ": interrupted while waiting to retry", false, e);
        }
    }

    private void log(ApiRequest request, String path, String outcome, long startNanos, int attempt, int max) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} {}: {} {} -> {} in {} ms (attempt {}/{})",
                    platform,
                    request.operation,
                    request.method,
                    path,
                    outcome,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    attempt,
                    max);
        }
    }

    /** Closes the connection pool and threads, unless the OkHttp client was the caller's. */
    @Override
    public void close() {
        if (ownsClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /**
     * A successful answer.
     *
     * @param status the 2xx status
     * @param path the URL path sent
     * @param contentType the content type, or null
     * @param body the parsed JSON, or null when the body was empty
     * @param requestId the request id from the headers, else the one sent
     */
    public record Exchange(int status, String path, String contentType, JsonNode body, String requestId) {
        /**
         * The body, required to be a JSON object.
         *
         * @return the body
         */
        public Optional<JsonNode> object() {
            return Optional.ofNullable(body).filter(JsonNode::isObject);
        }
    }

    private static final class Attempt {
        volatile boolean sent;
    }

    /** Builds a {@link Transport}. */
    public static final class Builder {
        private final ClientOptions options;
        private final String platform;
        private Credentials credentials = Credentials.none();
        private String requestIdHeader = "X-Request-Id";

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
         * The header that carries the request id catalogkit makes for each call, or null for none.
         *
         * @param header e.g. {@code X-Atlan-Request-Id}
         * @return this builder
         */
        public Builder requestIdHeader(String header) {
            this.requestIdHeader = header;
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
