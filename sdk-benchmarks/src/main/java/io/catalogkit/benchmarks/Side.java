package io.catalogkit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Handshake;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One side of the comparison: the measured operations done through catalogkit or written by hand
 * with OkHttp and Jackson. Each operation sends one request and reads the answer fully, and
 * returns what it read (for the benchmark's blackhole and for checks). Thread-safe.
 */
public interface Side extends AutoCloseable {
    /** The name of the catalogkit side, as JMH's {@code side} parameter spells it. */
    String CATALOGKIT = "catalogkit";

    /** The name of the hand-written side. */
    String HAND_WRITTEN = "handWritten";

    /**
     * Atlan: looks up one API token by GUID.
     *
     * @return the token
     */
    Object atlanGetByGuid();

    /**
     * Atlan: lists the first page of API tokens.
     *
     * @return the page
     */
    Object atlanList();

    /**
     * Alation: validates the refresh token.
     *
     * @return the refresh token's state
     */
    Object alationValidate();

    /**
     * DataHub: lists the first page of the owner's access tokens.
     *
     * @return the page
     */
    Object dataHubList();

    /**
     * Alation: one data call with an access token in {@code TOKEN}: through catalogkit's {@code
     * authInterceptor()} on one side, a fixed header on the other.
     *
     * @return the answer's body size
     */
    Object alationDataCall();

    /** Closes the side's clients (not the shared OkHttp client). */
    @Override
    void close();

    /**
     * Makes one side.
     *
     * @param name {@link #CATALOGKIT} or {@link #HAND_WRITTEN}
     * @param target where to send
     * @param http the OkHttp client to share within the side
     * @return the side
     * @throws IllegalArgumentException for another name
     */
    static Side create(String name, Target target, OkHttpClient http) {
        return switch (name) {
            case CATALOGKIT -> new CatalogkitSide(target, http);
            case HAND_WRITTEN -> new HandWrittenSide(target, http);
            default -> throw new IllegalArgumentException("side must be catalogkit or handWritten, was " + name);
        };
    }

    /**
     * The OkHttp client both sides start from: OkHttp's defaults, except a pool that keeps enough
     * idle connections for 32 threads (the default keeps 5, so 32 threads would reconnect all the
     * time).
     *
     * @return a new client
     */
    static OkHttpClient httpClient() {
        return poolFor32Threads().build();
    }

    /**
     * The OkHttp client both sides start from against a responder: {@link #httpClient()}, and when
     * the responder serves TLS, its certificate authority trusted through {@code
     * sslSocketFactory(...)}, the same way on both sides. OkHttp's default connection pool (as
     * widened above) keeps connections, so a side pays a TLS handshake per new connection only.
     *
     * @param responder the responder the client will call
     * @return a new client
     */
    static OkHttpClient httpClient(Responder responder) {
        OkHttpClient.Builder b = poolFor32Threads();
        responder
                .clientCertificates()
                .ifPresent(trust -> b.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()));
        return b.build();
    }

    private static OkHttpClient.Builder poolFor32Threads() {
        return new OkHttpClient.Builder().connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES));
    }

    /**
     * What a client's calls to a responder travel over, read from one probe call's connection:
     * e.g. {@code TLS 1.3 HTTP/1.1} or {@code plain HTTP/1.1}.
     *
     * @param http the client
     * @param responder the responder (its {@link Canned#ALATION_TABLES} route answers the probe)
     * @return the TLS version, or {@code plain}, and the HTTP version
     * @throws UncheckedIOException when the probe call fails
     */
    static String transport(OkHttpClient http, Responder responder) {
        Request probe = new Request.Builder()
                .url(responder.baseUrl() + Canned.ALATION_TABLES)
                .build();
        try (Response response = http.newCall(probe).execute()) {
            response.body().bytes();
            Handshake handshake = response.handshake();
            String protocol = response.protocol().toString().toUpperCase(Locale.ROOT);
            return (handshake == null
                            ? "plain"
                            : handshake.tlsVersion().javaName().replace("TLSv", "TLS ")) + " " + protocol;
        } catch (IOException e) {
            throw new UncheckedIOException("the transport probe failed", e);
        }
    }

    /**
     * Releases a client made by {@link #httpClient()}.
     *
     * @param http the client
     */
    static void shutdown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
