package io.catalogkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A loopback HTTP/1.1 server that costs next to nothing: it answers every request with canned
 * bytes chosen by method, path and an optional marker, so that a benchmark measures the client and
 * not the server. One platform thread per connection, keep-alive, no pipelining.
 *
 * <p>It reads each request whole (head, then exactly {@code Content-Length} body bytes) before
 * answering, so a connection is always at a request boundary when the next request starts. A
 * request it cannot frame (chunked body, oversized head or body, garbage) gets a canned error and
 * the connection is closed. Requests are counted in total and per route.
 *
 * <p>With {@link Builder#tls(boolean) tls(true)} it serves HTTPS instead, HTTP/1.1 only (no ALPN),
 * under a certificate made at start for {@code 127.0.0.1} and {@code localhost}, signed by a
 * certificate authority of its own that a client trusts through {@link #clientCertificates()}.
 * Each connection's handshake is completed, counted and its TLS version recorded before its first
 * request is read.
 */
public final class Responder implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final ServerSocket server;
    private final List<Route> routes;
    private final byte[] notFound;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final LongAdder requests = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final LongAdder handshakes = new LongAdder();
    private final Set<String> tlsVersions = ConcurrentHashMap.newKeySet();
    private final HandshakeCertificates clientCertificates;
    private volatile boolean closed;

    private Responder(List<Route> routes, boolean tls) throws IOException {
        this.routes = List.copyOf(routes);
        this.notFound = answer(404, "application/json", "{\"message\":\"no canned answer\"}", Map.of());
        if (tls) {
            HeldCertificate authority = new HeldCertificate.Builder()
                    .certificateAuthority(0)
                    .commonName("catalogkit benchmark CA")
                    .build();
            HeldCertificate certificate = new HeldCertificate.Builder()
                    .commonName("catalogkit benchmark")
                    .addSubjectAlternativeName("127.0.0.1")
                    .addSubjectAlternativeName("localhost")
                    .signedBy(authority)
                    .build();
            HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                    .heldCertificate(certificate, authority.certificate())
                    .build();
            this.clientCertificates = new HandshakeCertificates.Builder()
                    .addTrustedCertificate(authority.certificate())
                    .build();
            this.server = serverCertificates
                    .sslContext()
                    .getServerSocketFactory()
                    .createServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        } else {
            this.clientCertificates = null;
            this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        }
        this.acceptor = new Thread(this::acceptLoop, "responder-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts describing a responder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URL, e.g. {@code http://127.0.0.1:40123}, or {@code https://...} when serving TLS.
     *
     * @return the URL, without a trailing slash
     */
    public String baseUrl() {
        return (clientCertificates != null ? "https://" : "http://")
                + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /**
     * What a client needs to trust this responder's certificate, when it serves TLS: {@link
     * HandshakeCertificates#sslSocketFactory()} and {@link HandshakeCertificates#trustManager()}
     * for {@code OkHttpClient.Builder.sslSocketFactory(...)}.
     *
     * @return the trusted certificate authority, or empty when serving plain HTTP
     */
    public Optional<HandshakeCertificates> clientCertificates() {
        return Optional.ofNullable(clientCertificates);
    }

    /**
     * TLS handshakes completed so far: one per connection when serving TLS, none otherwise.
     *
     * @return the count
     */
    public long tlsHandshakes() {
        return handshakes.sum();
    }

    /**
     * The TLS versions the completed handshakes negotiated, as Java names them (e.g. {@code
     * TLSv1.3}).
     *
     * @return the versions seen so far, empty when serving plain HTTP
     */
    public Set<String> tlsVersions() {
        return Set.copyOf(tlsVersions);
    }

    /**
     * Requests answered so far, canned errors included.
     *
     * @return the count
     */
    public long requests() {
        return requests.sum();
    }

    /**
     * Requests answered so far by one route.
     *
     * @param name the route's name
     * @return the count
     * @throws IllegalArgumentException for an unknown name
     */
    public long requests(String name) {
        for (Route r : routes) {
            if (r.name.equals(name)) {
                return r.hits.sum();
            }
        }
        throw new IllegalArgumentException("no route named " + name);
    }

    /**
     * Connections accepted so far: with keep-alive, far fewer than requests.
     *
     * @return the count
     */
    public long connections() {
        return connections.sum();
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            connections.increment();
            open.add(socket);
            Thread t = new Thread(() -> serve(socket), "responder-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
                tlsVersions.add(tls.getSession().getProtocol());
                handshakes.increment();
            }
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Reader reader = new Reader(in);
            while (true) {
                int framed = reader.next();
                if (framed == Reader.EOF) {
                    return;
                }
                requests.increment();
                if (framed != Reader.OK) {
                    out.write(framed == Reader.TOO_LARGE ? TOO_LARGE : BAD_REQUEST);
                    return;
                }
                out.write(route(reader));
                if (reader.close) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client reset or closed the connection: nothing to answer
        } finally {
            open.remove(socket);
        }
    }

    private byte[] route(Reader r) {
        for (Route route : routes) {
            if (route.matches(r)) {
                route.hits.increment();
                return route.answer;
            }
        }
        return notFound;
    }

    private static final byte[] BAD_REQUEST = answer(400, null, "", Map.of("Connection", "close"));
    private static final byte[] TOO_LARGE = answer(413, null, "", Map.of("Connection", "close"));

    /**
     * The bytes of a whole HTTP/1.1 answer.
     *
     * @param status the status code
     * @param contentType the content type, or null for none
     * @param body the body
     * @param headers extra headers
     * @return the bytes to write
     */
    static byte[] answer(int status, String contentType, String body, Map<String, String> headers) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + payload.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(payload, 0, all, h.length, payload.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            default -> "Status";
        };
    }

    /** A canned answer for requests with this method and path, and the marker if one is set. */
    private static final class Route {
        final String name;
        final byte[] method;
        final byte[] path;
        final byte[] marker;
        final byte[] answer;
        final LongAdder hits = new LongAdder();

        Route(String name, String method, String path, String marker, byte[] answer) {
            this.name = name;
            this.method = method.getBytes(StandardCharsets.US_ASCII);
            this.path = path.getBytes(StandardCharsets.US_ASCII);
            this.marker = marker == null ? null : marker.getBytes(StandardCharsets.UTF_8);
            this.answer = answer;
        }

        boolean matches(Reader r) {
            if (!r.regionEquals(r.methodStart, r.methodEnd, method) || !r.regionEquals(r.pathStart, r.pathEnd, path)) {
                return false;
            }
            return marker == null
                    || r.indexOf(r.pathEnd, r.targetEnd, marker) >= 0
                    || r.indexOf(r.bodyStart, r.bodyEnd, marker) >= 0;
        }
    }

    /**
     * Frames one request at a time from a connection into a reusable buffer: positions of the
     * method, the path (target without query), the target's end, and the body.
     */
    static final class Reader {
        static final int OK = 0;
        static final int EOF = 1;
        static final int BAD = 2;
        static final int TOO_LARGE = 3;

        private final InputStream in;
        private byte[] buf = new byte[16 * 1024];
        /** Bytes [start, limit) are read and not yet consumed. */
        private int start;

        private int limit;
        int methodStart;
        int methodEnd;
        int pathStart;
        int pathEnd;
        int targetEnd;
        int bodyStart;
        int bodyEnd;
        boolean close;

        Reader(InputStream in) {
            this.in = in;
        }

        /** Reads the next whole request; returns {@link #OK}, {@link #EOF}, {@link #BAD} or {@link #TOO_LARGE}. */
        int next() throws IOException {
            // The previous request is consumed: move what follows it (nothing, without pipelining) to the front.
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, limit - start);
                limit -= start;
                start = 0;
            }
            int headEnd;
            int scanned = 0;
            while ((headEnd = indexOf(scanned, limit, CRLFCRLF)) < 0) {
                scanned = Math.max(0, limit - 3);
                if (limit >= MAX_HEAD) {
                    return TOO_LARGE;
                }
                if (!fill(MAX_HEAD)) {
                    return limit == 0 ? EOF : BAD;
                }
            }
            int lineEnd = indexOf(0, headEnd + 2, CRLF);
            methodStart = 0;
            methodEnd = indexOf(0, lineEnd, SPACE);
            if (methodEnd <= 0) {
                return BAD;
            }
            pathStart = methodEnd + 1;
            targetEnd = indexOf(pathStart, lineEnd, SPACE);
            if (targetEnd < 0) {
                return BAD;
            }
            int q = indexOf(pathStart, targetEnd, QUESTION);
            pathEnd = q < 0 ? targetEnd : q;
            boolean http10 = regionEquals(targetEnd + 1, lineEnd, HTTP_10);
            long contentLength = 0;
            close = http10;
            int line = lineEnd + 2;
            while (line < headEnd + 2) {
                int end = indexOf(line, headEnd + 2, CRLF);
                int colon = indexOf(line, end, COLON);
                if (colon < 0) {
                    return BAD;
                }
                String name = new String(buf, line, colon - line, StandardCharsets.ISO_8859_1);
                if (name.equalsIgnoreCase("content-length")) {
                    try {
                        contentLength = Long.parseLong(value(colon, end));
                    } catch (NumberFormatException e) {
                        return BAD;
                    }
                    if (contentLength < 0) {
                        return BAD;
                    }
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    return BAD; // the clients measured here always send a length
                } else if (name.equalsIgnoreCase("connection")) {
                    String v = value(colon, end).toLowerCase(Locale.ROOT);
                    close = v.contains("close") || (http10 && !v.contains("keep-alive"));
                }
                line = end + 2;
            }
            if (contentLength > MAX_BODY) {
                return TOO_LARGE;
            }
            bodyStart = headEnd + 4;
            bodyEnd = bodyStart + (int) contentLength;
            while (limit < bodyEnd) {
                if (!fill(bodyEnd)) {
                    return BAD;
                }
            }
            start = bodyEnd;
            return OK;
        }

        private String value(int colon, int end) {
            return new String(buf, colon + 1, end - colon - 1, StandardCharsets.ISO_8859_1).trim();
        }

        /** Reads more bytes, growing the buffer up to {@code need}; false at end of stream. */
        private boolean fill(int need) throws IOException {
            if (limit == buf.length) {
                byte[] bigger = new byte[Math.max(Math.min(buf.length * 2, Math.max(need, MAX_HEAD)), need)];
                System.arraycopy(buf, 0, bigger, 0, limit);
                buf = bigger;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
            return true;
        }

        int indexOf(int from, int to, byte[] needle) {
            outer:
            for (int i = from; i <= to - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buf[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        boolean regionEquals(int from, int to, byte[] expected) {
            if (to - from != expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (buf[from + i] != expected[i]) {
                    return false;
                }
            }
            return true;
        }

        private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
        private static final byte[] CRLF = {'\r', '\n'};
        private static final byte[] SPACE = {' '};
        private static final byte[] QUESTION = {'?'};
        private static final byte[] COLON = {':'};
        private static final byte[] HTTP_10 = "HTTP/1.0".getBytes(StandardCharsets.US_ASCII);
    }

    /** Describes the routes of a {@link Responder}; the first route that matches answers. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private boolean tls;

        private Builder() {}

        /**
         * Serves HTTPS (HTTP/1.1) under a certificate made at start, or plain HTTP/1.1 (the
         * default).
         *
         * @param tls whether to serve HTTPS
         * @return this builder
         */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Answers requests with this method and path (query ignored).
         *
         * @param name a name to count hits by
         * @param method e.g. {@code GET}
         * @param path e.g. {@code /api/service/apikeys}
         * @param status the status to answer
         * @param json the JSON body to answer
         * @return this builder
         */
        public Builder json(String name, String method, String path, int status, String json) {
            return json(name, method, path, null, status, json);
        }

        /**
         * Answers requests with this method and path whose query or body contains a marker.
         *
         * @param name a name to count hits by
         * @param method e.g. {@code POST}
         * @param path e.g. {@code /api/graphql}
         * @param marker text the query or body must contain, or null for any
         * @param status the status to answer
         * @param json the JSON body to answer
         * @return this builder
         */
        public Builder json(String name, String method, String path, String marker, int status, String json) {
            Objects.requireNonNull(json, "json");
            routes.add(new Route(name, method, path, marker, answer(status, "application/json", json, Map.of())));
            return this;
        }

        /**
         * Binds a free loopback port and starts answering.
         *
         * @return the running responder
         * @throws UncheckedIOException when no port can be bound
         */
        public Responder start() {
            try {
                return new Responder(routes, tls);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the responder", e);
            }
        }
    }
}
