package io.catalogkit.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.catalogkit.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * What the platform fakes share: a real HTTP server on a loopback port, a movable clock, a record
 * of every request received, and faults to answer the next requests with. Thread-safe.
 *
 * <p>Use with try-with-resources: {@code try (FakeAtlan atlan = new FakeAtlan().start()) {...}}.
 */
public abstract class FakeServer implements AutoCloseable {
    static {
        // MockWebServer logs each request line at INFO; the fakes stay quiet.
        Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.WARNING);
    }

    private final MockWebServer server = new MockWebServer();
    private final FakeClock clock;
    private final List<RecordedCall> calls = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();

    /**
     * Creates a fake with its own clock; call {@code start()} before use.
     *
     * @param clock the clock the fake's tokens expire by
     */
    protected FakeServer(FakeClock clock) {
        this.clock = clock;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
    }

    /**
     * Starts listening on a free loopback port.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    protected void startServer() {
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake server", e);
        }
    }

    /**
     * The URL to give a client's {@code baseUrl(...)}, e.g. {@code http://127.0.0.1:53219}.
     *
     * @return the base URL, without a trailing slash
     * @throws IllegalStateException before {@code start()}
     */
    public String baseUrl() {
        if (!server.getStarted()) {
            throw new IllegalStateException("the fake is not started: call start() first");
        }
        String host = server.getSocketAddress().getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
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

    /** Forgets the requests received so far. */
    public synchronized void clearRequests() {
        calls.clear();
    }

    /**
     * Answers the next {@code count} requests with a fault.
     *
     * @param count how many requests
     * @param fault what to answer with
     */
    public synchronized void failNext(int count, Fault fault) {
        for (int i = 0; i < count; i++) {
            faults.addLast(fault);
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }

    /**
     * Handles one request; called on the server's threads, one request at a time per connection.
     *
     * @param call the request
     * @return the answer
     */
    protected abstract Reply handle(RecordedCall call);

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
         * @param value written with Jackson
         * @return the reply
         */
        public static Reply json(int status, Object value) {
            try {
                return new Reply(status, "application/json", Json.MAPPER.writeValueAsString(value), Map.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("fake could not write JSON", e);
            }
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
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
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
