package io.catalogkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * What the platform fakes share: a real HTTP server on a loopback port, a movable clock, a record
 * of every request received, faults to answer the next requests with, and a seeded state to go
 * back to. Thread-safe.
 *
 * <p><b>HTTPS.</b> Call {@link #https()} before {@link #start()} to serve HTTPS, with HTTP/2 offered
 * by ALPN, under a certificate made at start for {@code 127.0.0.1} and {@code localhost} and
 * signed by a certificate authority of the fake's own. A client trusts it through {@link
 * #httpClient()} (an OkHttp client to pass to a catalogkit builder's {@code httpClient(...)}), or
 * through {@link #clientCertificates()} to build one's own. A client that does not trust that
 * authority fails the TLS handshake, as it would against a catalog with a private CA.
 *
 * <p>Use with try-with-resources: {@code try (FakeAtlan atlan = new FakeAtlan().start()) {...}},
 * or let {@link FakeExtension} start, reset and close it in JUnit 5 tests.
 *
 * <p><b>Seeded state.</b> {@link #markSeeded()} saves the fake's state (users, tokens, settings
 * and the clock's time); {@link #reset()} goes back to it and forgets the requests received and
 * the faults not yet used. Until {@code markSeeded()} is called, the seeded state is the fake as
 * constructed: empty, with default settings, its clock at the time it showed then.
 *
 * @param <F> the fake's own type, which {@link #start()} and the other chaining methods return
 */
public abstract class FakeServer<F extends FakeServer<F>> implements AutoCloseable {
    /**
     * What an HTTP/2 stream is told before its request is dispatched when the next fault drops the
     * connection: MockWebServer 5.5.1 applies the response-start effect of that answer, not of the
     * dispatched one, over HTTP/2. The stream is reset (INTERNAL_ERROR): the client gets no answer.
     */
    private static final MockResponse HTTP2_DISCONNECT = new MockResponse.Builder()
            .onResponseStart(new SocketEffect.CloseStream(2))
            .build();

    private final MockWebServer server = new MockWebServer();
    private final FakeClock clock;
    private final List<RecordedCall> calls = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private Instant seededTime;
    private boolean closed;
    private volatile boolean https;
    private HandshakeCertificates clientCertificates;
    private OkHttpClient httpClient;

    /**
     * Creates a fake with its own clock; call {@link #start()} before use.
     *
     * @param clock the clock the fake's tokens expire by
     */
    protected FakeServer(FakeClock clock) {
        this.clock = clock;
        this.seededTime = clock.instant();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }

            @Override
            public MockResponse peek() {
                return nextFaultDisconnects() ? HTTP2_DISCONNECT : super.peek();
            }
        });
    }

    /**
     * Starts listening on a free loopback port.
     *
     * @return this fake
     * @throws IllegalStateException when the fake was started before (a closed fake cannot restart)
     * @throws UncheckedIOException when no port can be bound
     */
    public F start() {
        synchronized (this) {
            if (closed || server.getStarted()) {
                throw new IllegalStateException(
                        "a fake starts once: make a new one, or reset() this one to its seeded state");
            }
            if (https) {
                HeldCertificate authority = new HeldCertificate.Builder()
                        .certificateAuthority(0)
                        .commonName("catalogkit fake CA")
                        .build();
                HeldCertificate certificate = new HeldCertificate.Builder()
                        .commonName("catalogkit fake")
                        .addSubjectAlternativeName("127.0.0.1")
                        .addSubjectAlternativeName("localhost")
                        .signedBy(authority)
                        .build();
                HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                        .heldCertificate(certificate, authority.certificate())
                        .build();
                clientCertificates = new HandshakeCertificates.Builder()
                        .addTrustedCertificate(authority.certificate())
                        .build();
                server.useHttps(serverCertificates.sslSocketFactory());
                server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
            }
            try {
                server.start(InetAddress.getLoopbackAddress(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the fake server", e);
            }
        }
        return self();
    }

    /**
     * Serves HTTPS (HTTP/2 by ALPN, HTTP/1.1 otherwise) from {@link #start()} on, under a
     * certificate made then; see {@link #httpClient()} for a client that trusts it.
     *
     * @return this fake
     * @throws IllegalStateException after {@link #start()}
     */
    public F https() {
        synchronized (this) {
            if (closed || server.getStarted()) {
                throw new IllegalStateException("call https() before start()");
            }
            https = true;
        }
        return self();
    }

    /**
     * What a client needs to trust this fake's certificate: {@link
     * HandshakeCertificates#sslSocketFactory()} and {@link HandshakeCertificates#trustManager()},
     * for {@code OkHttpClient.Builder.sslSocketFactory(...)} or any other HTTP client.
     *
     * @return the trusted certificate authority of this fake
     * @throws IllegalStateException unless started with {@link #https()}
     */
    public synchronized HandshakeCertificates clientCertificates() {
        if (clientCertificates == null) {
            throw new IllegalStateException("the fake serves HTTPS only when https() is called before start()");
        }
        return clientCertificates;
    }

    /**
     * An OkHttp client that trusts this fake's certificate, to pass to a catalogkit builder's
     * {@code httpClient(...)}; one per fake, its connections released when the fake closes.
     *
     * @return the client
     * @throws IllegalStateException unless started with {@link #https()}
     */
    public synchronized OkHttpClient httpClient() {
        if (httpClient == null) {
            HandshakeCertificates trust = clientCertificates();
            httpClient = new OkHttpClient.Builder()
                    .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                    .build();
        }
        return httpClient;
    }

    /**
     * The URL to give a client's {@code baseUrl(...)}, e.g. {@code http://127.0.0.1:53219}. With {@link #https()} the URL starts {@code https://}.
     *
     * @return the base URL, without a trailing slash
     * @throws IllegalStateException before {@link #start()}
     */
    public String baseUrl() {
        if (!server.getStarted()) {
            throw new IllegalStateException("the fake is not started: call start() first");
        }
        String host = server.getSocketAddress().getAddress().getHostAddress();
        return (https ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.getPort();
    }

    /**
     * The fake's clock: move it to expire tokens.
     *
     * @return the clock
     */
    public FakeClock clock() {
        return clock;
    }

    /**
     * Every request received so far, oldest first.
     *
     * @return a snapshot
     */
    public synchronized List<RecordedCall> requests() {
        return List.copyOf(calls);
    }

    /**
     * The requests received so far to one path (exact, percent-decoded).
     *
     * @param path e.g. {@code /api/service/apikeys}
     * @return a snapshot
     */
    public synchronized List<RecordedCall> requests(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    /**
     * Forgets the requests received so far.
     *
     * @return this fake
     */
    public synchronized F clearRequests() {
        calls.clear();
        return self();
    }

    /**
     * Answers the next {@code count} requests with a fault.
     *
     * @param count how many requests
     * @param fault what to answer with
     * @return this fake
     */
    public synchronized F failNext(int count, Fault fault) {
        for (int i = 0; i < count; i++) {
            faults.addLast(fault);
        }
        return self();
    }

    /**
     * Saves the fake's current state (users, tokens, settings, the clock's time) as the seeded
     * state that {@link #reset()} goes back to. Call it once seeding is done.
     *
     * @return this fake
     */
    public F markSeeded() {
        synchronized (this) {
            seededTime = clock.instant();
        }
        saveSeededState();
        return self();
    }

    /**
     * Goes back to the seeded state (see {@link #markSeeded()}): the users, tokens and settings
     * saved then, the clock set back to the time it showed then, no requests recorded and no
     * faults pending. Tokens created since are gone, so clients holding one of them get 401.
     *
     * @return this fake
     */
    public F reset() {
        Instant time;
        synchronized (this) {
            calls.clear();
            faults.clear();
            time = seededTime;
        }
        restoreSeededState();
        clock.set(time);
        return self();
    }

    /** Stops the server; the fake's state is gone with it and it cannot start again. */
    @Override
    public void close() {
        OkHttpClient client;
        synchronized (this) {
            closed = true;
            client = httpClient;
        }
        server.close();
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Names the fake and where it listens, e.g. {@code FakeAtlan[http://127.0.0.1:53219]}; never a
     * token.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (server.getStarted() ? baseUrl() : "not started") + "]";
    }

    /**
     * Handles one request; called on the server's threads, one request at a time per connection.
     *
     * @param call the request
     * @return the answer
     */
    protected abstract Reply handle(RecordedCall call);

    /** Copies the fake's own state (users, tokens, settings) aside, for {@link #reset()}. */
    protected abstract void saveSeededState();

    /** Replaces the fake's own state with a copy of what {@link #saveSeededState()} saved. */
    protected abstract void restoreSeededState();

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }

    private synchronized boolean nextFaultDisconnects() {
        Fault next = faults.peekFirst();
        return next != null && next.kind == Fault.Kind.DISCONNECT;
    }

    private MockResponse answer(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        RecordedCall call = new RecordedCall(request.getMethod(), request.getUrl(), request.getHeaders(), body);
        Fault fault;
        synchronized (this) {
            calls.add(call);
            fault = faults.pollFirst();
        }
        if (fault != null && !fault.afterHandling) {
            return toMock(fault, null);
        }
        Reply reply;
        try {
            reply = handle(call);
        } catch (RuntimeException e) {
            reply = Reply.json(
                    500, Map.of("message", "fake failed: " + e.getClass().getSimpleName()));
        }
        return fault == null ? reply.toMock() : toMock(fault, reply);
    }

    private static MockResponse toMock(Fault fault, Reply handled) {
        switch (fault.kind) {
            case DISCONNECT:
                return new MockResponse.Builder()
                        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                        .build();
            case SLOW:
                return handled.toMock()
                        .newBuilder()
                        .headersDelay(fault.delay.toMillis(), TimeUnit.MILLISECONDS)
                        .build();
            default:
                MockResponse.Builder b = new MockResponse.Builder()
                        .code(fault.status)
                        .setHeader("Content-Type", fault.contentType)
                        .body(fault.body);
                if (fault.retryAfter != null) {
                    b.setHeader("Retry-After", fault.retryAfter);
                }
                return b.build();
        }
    }

    /**
     * An answer: status, content type, body and extra headers.
     *
     * @param status the HTTP status
     * @param contentType the content type, or null for none
     * @param body the body text
     * @param headers extra headers
     */
    protected record Reply(int status, String contentType, String body, Map<String, String> headers) {
        /**
         * A JSON answer.
         *
         * @param status the status
         * @param value written with Jackson (null fields left out)
         * @return the reply
         */
        public static Reply json(int status, Object value) {
            return new Reply(status, "application/json", FakeJson.write(FakeJson.MAPPER, value), Map.of());
        }

        /**
         * An answer with an empty body.
         *
         * @param status the status
         * @return the reply
         */
        public static Reply empty(int status) {
            return new Reply(status, null, "", Map.of());
        }

        /**
         * The same reply with one more header.
         *
         * @param name the header name
         * @param value the value
         * @return the reply
         */
        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, contentType, body, Map.copyOf(h));
        }

        MockResponse toMock() {
            MockResponse.Builder b = new MockResponse.Builder().code(status).body(body);
            if (contentType != null) {
                b.setHeader("Content-Type", contentType);
            }
            headers.forEach(b::setHeader);
            return b.build();
        }
    }
}
