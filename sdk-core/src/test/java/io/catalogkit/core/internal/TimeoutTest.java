package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.catalogkit.core.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timeouts held by OkHttp's own mechanisms (connect, read and write timeouts on the client, each
 * attempt's call timeout out of the operation's budget), against raw loopback servers that misbehave
 * at each stage of an exchange. Each test would end only much later, or never, if its timeout were
 * not held; the preemptive limits stop a broken build from hanging and are far above the timeouts.
 */
class TimeoutTest {
    static final Duration LIMIT = Duration.ofSeconds(30);

    final TestClients clients = new TestClients();
    final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A loopback server that hands every accepted connection to {@code handler} on its own thread. */
    final class Server implements AutoCloseable {
        final ServerSocket socket;
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Server(Consumer<Socket> handler) throws IOException {
            socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
            Thread t = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                Socket s = socket.accept();
                                accepted.add(s);
                                Thread h = new Thread(() -> handler.accept(s), "raw-server-connection");
                                h.setDaemon(true);
                                h.start();
                            } catch (IOException e) {
                                // closed
                            }
                        }
                    },
                    "raw-server");
            t.setDaemon(true);
            t.start();
            open.add(this);
        }

        String url(String scheme) {
            return scheme + "://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    /** Takes the connection and does nothing with it: no read, no answer (a stalled TLS handshake). */
    static void silent(Socket s) {
        // keep the socket open until the server closes
    }

    /** Reads the request head and never answers. */
    static void neverAnswers(Socket s) {
        try {
            readHead(s.getInputStream());
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Sends the headers of a 100-byte answer at once, then one body byte every 300 ms. */
    static void trickles(Socket s) {
        try {
            readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (int i = 0; i < 100; i++) {
                Thread.sleep(300);
                out.write(' ');
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void readHead(InputStream in) throws IOException {
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
        }
    }

    Transport transport(TestClients.Builder b) {
        Transport t = Transport.builder(b.maxRetries(0).build(), "Test").build();
        open.add(t);
        return t;
    }

    static ApiRequest get() {
        return ApiRequest.builder("read thing", "GET").path("things").build();
    }

    /** Runs the call and returns its failure and how long it took. */
    record Ended(TransportException failure, Duration took) {}

    static Ended call(Transport t, ApiRequest request) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            long start = System.nanoTime();
            TransportException e = catchThrowableOfType(TransportException.class, () -> t.exchange(request));
            return new Ended(e, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheReadTimeout() throws Exception {
        Server s = new Server(TimeoutTest::neverAnswers);
        Transport t = transport(clients.builder(s.url("http")).readTimeout(Duration.ofMillis(300)));
        Ended e = call(t, get());
        assertThat(e.failure()).isNotNull();
        assertThat(e.failure().getMessage()).contains("GET /things timed out after 1 attempt");
        assertThat(e.failure().mayHaveReachedServer()).isTrue();
        assertThat(e.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheCallBudgetWhenThatComesFirst() throws Exception {
        Server s = new Server(TimeoutTest::neverAnswers);
        Transport t = transport(clients.builder(s.url("http"))
                .readTimeout(Duration.ofMinutes(5))
                .callTimeout(Duration.ofMillis(500)));
        Ended e = call(t, get());
        assertThat(e.failure()).isNotNull();
        assertThat(e.failure().getMessage()).contains("timed out after 1 attempt");
        assertThat(e.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aBodyTrickledFasterThanTheReadTimeoutEndsAtTheCallBudget() throws Exception {
        // Each byte comes well within the read timeout; the whole body would take 30 s.
        Server s = new Server(TimeoutTest::trickles);
        Transport t = transport(clients.builder(s.url("http"))
                .readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofMillis(1500)));
        Ended e = call(t, get());
        assertThat(e.failure()).isNotNull();
        assertThat(e.failure().getMessage()).contains("GET /things timed out after 1 attempt");
        assertThat(e.failure().mayHaveReachedServer()).isTrue();
        assertThat(e.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aLargeRequestBodyTheServerNeverReadsEndsAtTheWriteTimeout() throws Exception {
        Server s = new Server(TimeoutTest::silent);
        Transport t = transport(clients.builder(s.url("http"))
                .writeTimeout(Duration.ofMillis(300))
                .readTimeout(Duration.ofMinutes(5)));
        RequestBody large = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/octet-stream");
            }

            @Override
            public long contentLength() {
                return 1L << 30;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                byte[] zeros = new byte[64 * 1024];
                for (long left = contentLength(); left > 0; left -= zeros.length) {
                    sink.write(zeros);
                }
            }
        };
        ApiRequest post =
                ApiRequest.builder("upload", "POST").path("things").body(large).build();
        Ended e = call(t, post);
        assertThat(e.failure()).isNotNull();
        assertThat(e.failure().getMessage()).contains("POST /things timed out after 1 attempt");
        assertThat(e.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aTlsHandshakeThatStallsAfterTheAcceptEndsAtTheReadTimeout() throws Exception {
        Server s = new Server(TimeoutTest::silent);
        Transport t = transport(clients.builder(s.url("https")).readTimeout(Duration.ofMillis(300)));
        Ended e = call(t, get());
        assertThat(e.failure()).isNotNull();
        assertThat(e.failure().getMessage()).contains("timed out after 1 attempt");
        assertThat(e.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aTlsHandshakeThatStallsEndsAtTheCallBudgetWhenThatComesFirst() throws Exception {
        Server s = new Server(TimeoutTest::silent);
        Transport t = transport(clients.builder(s.url("https"))
                .readTimeout(Duration.ofMinutes(5))
                .callTimeout(Duration.ofMillis(500)));
        Ended e = call(t, get());
        assertThat(e.failure()).isNotNull();
        assertThat(e.failure().getMessage()).contains("timed out after 1 attempt");
        assertThat(e.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void twoHundredConcurrentHungCallsAllEndWithinTheirTimeoutAndAFifth() throws Exception {
        Server s = new Server(TimeoutTest::neverAnswers);
        // Long enough that a fifth of it (1 s) absorbs the scheduling of 200 threads on a busy machine.
        Duration budget = Duration.ofSeconds(5);
        Transport t = transport(clients.builder(s.url("http"))
                .readTimeout(Duration.ofMinutes(5))
                .callTimeout(budget));
        int calls = 200;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Ended>> ends = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                ends.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    TransportException e = catchThrowableOfType(TransportException.class, () -> t.exchange(get()));
                    return new Ended(e, Duration.ofNanos(System.nanoTime() - start));
                }));
            }
            go.countDown();
            Duration longest = Duration.ZERO;
            for (Future<Ended> f : ends) {
                Ended e = f.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(e.failure()).isNotNull();
                assertThat(e.failure().getMessage()).contains("timed out after 1 attempt");
                longest = e.took().compareTo(longest) > 0 ? e.took() : longest;
            }
            assertThat(longest).isLessThanOrEqualTo(budget.multipliedBy(6).dividedBy(5));
        } finally {
            pool.shutdownNow();
        }
    }
}
