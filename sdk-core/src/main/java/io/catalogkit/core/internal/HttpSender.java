package io.catalogkit.core.internal;

import io.catalogkit.core.ClientOptions;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The pipeline's sending stage: one HTTP exchange per attempt, read whole, and nothing repeated.
 *
 * <p>It sends with its own OkHttp client, derived from the caller's with {@code newBuilder()} (so
 * that pool and dispatcher are shared) or made fresh, with every follow-up OkHttp can be told not to
 * make switched off: redirects, connection retries, and auth challenges. What cannot be switched
 * off is handled below OkHttp's follow-up logic by one network interceptor, {@link FollowUpGuard}: it
 * takes {@code Retry-After} away from OkHttp, refuses any second network request, and keeps
 * credentials on their origin. The proxy authenticator of a caller's
 * client is kept: it answers the proxy's challenge for the tunnel, which carries none of the
 * request; a proxy's 407 to a plain-HTTP request is refused like any other follow-up.
 *
 * <p>Timeouts are OkHttp's own: connect, read and write timeouts on the client, a longer read
 * timeout of an operation through a client derived once per distinct timeout (derived clients share
 * pool and dispatcher), and each attempt's call timeout set to what is left of the operation's time
 * budget, so that one attempt, reading its answer included, never outlives the operation. A timeout
 * fails the attempt with an {@link java.io.InterruptedIOException}.
 *
 * <p>Every failure, an OkHttp or Okio {@link RuntimeException} included (a negative {@code
 * Content-Length}, say), comes out as one {@link Failed}, which says whether the request may have
 * reached the server.
 */
final class HttpSender {
    /** A longer answer is not read: no platform sends one, and it is not kept in memory. */
    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

    private final OkHttpClient client;
    private final boolean ownsClient;

    /**
     * Clients for attempts with their own read timeout, one per timeout, derived once: the timeouts
     * are the operations' constants, so there are a handful.
     */
    private final ConcurrentMap<Integer, OkHttpClient> withReadTimeout = new ConcurrentHashMap<>();

    /**
     * Derives the client.
     *
     * @param options the client's settings (timeouts, the caller's OkHttp client if any)
     * @param credentialHeaders the headers that carry credentials, kept on the base URL's origin
     *     ({@code Authorization} always is)
     */
    HttpSender(ClientOptions options, List<String> credentialHeaders) {
        OkHttpClient base = options.httpClient().orElse(null);
        this.ownsClient = base == null;
        OkHttpClient.Builder b = base != null ? base.newBuilder() : new OkHttpClient.Builder();
        this.client = b.connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.writeTimeout())
                // each call gets what is left of the operation's time budget instead
                .callTimeout(Duration.ZERO)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .authenticator(okhttp3.Authenticator.NONE)
                .addNetworkInterceptor(new FollowUpGuard(options.baseUrl(), withAuthorization(credentialHeaders)))
                .build();
    }

    private static List<String> withAuthorization(List<String> headers) {
        List<String> all = new ArrayList<>(headers);
        all.add("Authorization");
        return all;
    }

    OkHttpClient client() {
        return client;
    }

    /**
     * Sends one request and reads its answer whole.
     *
     * @param request the request, tagged with its {@link Attempt}
     * @param attempt the attempt's state
     * @param timeoutNanos the most this exchange may take, reading included (what is left of the
     *     operation's time budget)
     * @return the answer
     * @throws Failed when no whole answer came
     */
    Raw send(Request request, Attempt attempt, long timeoutNanos) throws Failed {
        Call call = clientFor(attempt).newCall(request);
        // Okio reads a zero timeout as none at all.
        call.timeout().timeout(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw new Failed(e, attempt.sent());
        } catch (RuntimeException e) {
            throw new Failed(unexpected(e), attempt.sent());
        }
        try (response) {
            BufferedSource source = response.body().source();
            Buffer body = null;
            if (!source.request(MAX_BODY_BYTES + 1)) {
                // The segments move over (no copy) and go back to Okio's pool as they are read.
                body = new Buffer();
                source.readAll(body);
            }
            return new Raw(response.code(), response.headers(), body, attempt.retryAfter());
        } catch (IOException e) {
            throw new Failed(e, true);
        } catch (RuntimeException e) {
            throw new Failed(unexpected(e), true);
        }
    }

    private OkHttpClient clientFor(Attempt attempt) {
        int read = attempt.readTimeoutMillis;
        if (read <= 0 || read == client.readTimeoutMillis()) {
            return client;
        }
        return withReadTimeout.computeIfAbsent(
                read,
                t -> client.newBuilder().readTimeout(t, TimeUnit.MILLISECONDS).build());
    }

    private static IOException unexpected(RuntimeException e) {
        ProtocolException p =
                new ProtocolException("OkHttp failed with " + e.getClass().getSimpleName() + " (a malformed answer?)");
        p.initCause(e);
        return p;
    }

    /** Releases the connections and threads, unless the OkHttp client was the caller's. */
    void close() {
        if (ownsClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /**
     * One whole answer.
     *
     * @param status the HTTP status
     * @param headers the headers ({@code Retry-After} taken off)
     * @param body the body, whole, or null when it was longer than {@link #MAX_BODY_BYTES}; reading
     *     it consumes it (read a {@link Buffer#copy()} to keep it)
     * @param retryAfter the raw {@code Retry-After}, or null
     */
    record Raw(int status, Headers headers, Buffer body, String retryAfter) {}

    /** An attempt ended without a whole answer. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        /** See {@link #sent()}. */
        private final boolean sent;

        Failed(IOException cause, boolean sent) {
            super(cause.getMessage(), cause, false, false);
            this.sent = sent;
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }

        /** Whether the request may have reached the server. */
        boolean sent() {
            return sent;
        }
    }
}
