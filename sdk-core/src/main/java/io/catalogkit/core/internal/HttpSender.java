package io.catalogkit.core.internal;

import io.catalogkit.core.ClientOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Timeouts are held without Okio's watchdog thread, which OkHttp's own read, write and call
 * timeouts wake on every read and write: each exchange is watched by {@link Deadlines} until what
 * is left of the operation's budget, with a nearer bound while connecting and until the answer's
 * headers, and over HTTP/1 every read of the answer waits at most the read timeout on the socket
 * itself ({@link FollowUpGuard} sets both). An exchange ended that way fails with an {@link
 * InterruptedIOException}, as OkHttp's timeouts do.
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
    private final Deadlines deadlines;

    private final int readMillis;
    private final long writeNanos;
    /** Connecting (TLS included) and the first answer's wait: the bound before the first request. */
    private final long connectNanos;

    /**
     * Derives the client.
     *
     * @param options the client's settings (timeouts, the caller's OkHttp client if any)
     * @param credentialHeaders the headers that carry credentials, kept on the base URL's origin
     *     ({@code Authorization} always is)
     */
    HttpSender(ClientOptions options, List<String> credentialHeaders) {
        this(options, credentialHeaders, Deadlines.SHARED);
    }

    /**
     * Derives the client, with its own deadline sweeper.
     *
     * @param options the client's settings
     * @param credentialHeaders the headers that carry credentials
     * @param deadlines what ends an exchange that outlives its time budget
     */
    HttpSender(ClientOptions options, List<String> credentialHeaders, Deadlines deadlines) {
        this.deadlines = deadlines;
        this.readMillis = (int) options.readTimeout().toMillis();
        this.writeNanos = options.writeTimeout().toNanos();
        this.connectNanos = options.connectTimeout().toNanos();
        OkHttpClient base = options.httpClient().orElse(null);
        this.ownsClient = base == null;
        OkHttpClient.Builder b = base != null ? base.newBuilder() : new OkHttpClient.Builder();
        this.client = b.connectTimeout(options.connectTimeout())
                // Read, write and call timeouts are held by Deadlines and the socket instead (see
                // FollowUpGuard): Okio's would wake its watchdog thread on every read and write.
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
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
        Call call = client.newCall(request);
        long now = System.nanoTime();
        Deadlines.Watch watch = deadlines.watch(call::cancel, now + timeoutNanos);
        int read = attempt.readTimeoutMillis > 0 ? attempt.readTimeoutMillis : readMillis;
        attempt.timeouts(watch, read, writeNanos);
        // Until the network interceptor runs: connecting, TLS included, and a first read.
        watch.bound(now + connectNanos + attempt.readNanos);
        try {
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                throw new Failed(timedOut(watch, e), attempt.sent());
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
                throw new Failed(timedOut(watch, e), true);
            } catch (RuntimeException e) {
                throw new Failed(unexpected(e), true);
            }
        } finally {
            watch.close();
        }
    }

    /** The failure as the caller should see it: a timeout when the deadline ended the exchange. */
    private static IOException timedOut(Deadlines.Watch watch, IOException e) {
        if (!watch.expired() || e instanceof InterruptedIOException) {
            return e;
        }
        InterruptedIOException t = new InterruptedIOException("timeout");
        t.initCause(e);
        return t;
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
