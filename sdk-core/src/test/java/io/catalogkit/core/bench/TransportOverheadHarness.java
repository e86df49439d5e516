package io.catalogkit.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.catalogkit.core.ClientBuilder;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Compares one catalogkit transport call with the hand-written OkHttp call it replaces (same
 * request, same JSON parse) against a loopback JDK HttpServer. Not a unit test: run it with
 *
 * <pre>
 * ./mvnw -q -pl sdk-core test-compile exec:java -Dexec.skip=false \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.catalogkit.core.bench.TransportOverheadHarness
 * </pre>
 *
 * It alternates rounds of both so that machine noise hits both alike, and prints medians.
 */
public final class TransportOverheadHarness {
    private static final String BODY = "{\"totalRecord\":1,\"filterRecord\":1,\"records\":[{\"id\":\"3f9c2b71\","
            + "\"clientId\":\"apikey-b7e4\",\"displayName\":\"nightly-sync\",\"attributes\":{\"createdAt\":"
            + "\"1735689600000\",\"access.token.lifespan\":\"157680000\"}}]}";

    private TransportOverheadHarness() {}

    static final class Builder extends ClientBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }

        io.catalogkit.core.ClientOptions frozen() {
            return options("Bench", "BENCH_BASE_URL");
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args optional: calls per round (default 2000), rounds (default 10)
     * @throws IOException on a failed call
     */
    public static void main(String[] args) throws IOException {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            Secret key = Secret.of("bench-key-0000");
            OkHttpClient raw = new OkHttpClient();
            String url = base + "/api/service/apikeys?limit=20&offset=0";
            Builder b = new Builder().baseUrl(base);
            Transport transport = new TransportFactory().create(b, key);
            ApiRequest req = ApiRequest.builder("list API tokens", "GET")
                    .path("api/service/apikeys")
                    .query("limit", "20")
                    .query("offset", "0")
                    .safeToRetry(true)
                    .build();
            double[] rawTimes = new double[rounds];
            double[] kitTimes = new double[rounds];
            for (int warm = 0; warm < 2; warm++) {
                rawRound(raw, url, key, calls);
                kitRound(transport, req, calls);
            }
            for (int r = 0; r < rounds; r++) {
                rawTimes[r] = rawRound(raw, url, key, calls);
                kitTimes[r] = kitRound(transport, req, calls);
            }
            Arrays.sort(rawTimes);
            Arrays.sort(kitTimes);
            double rawMedian = rawTimes[rounds / 2];
            double kitMedian = kitTimes[rounds / 2];
            System.out.printf(
                    "calls/round=%d rounds=%d%nhand-written OkHttp + Jackson: median %.1f us/call%n"
                            + "catalogkit Transport.send:      median %.1f us/call%ndifference: %+.1f us/call (%+.0f%%)%n",
                    calls,
                    rounds,
                    rawMedian,
                    kitMedian,
                    kitMedian - rawMedian,
                    100 * (kitMedian - rawMedian) / rawMedian);
            transport.close();
            raw.dispatcher().executorService().shutdown();
            raw.connectionPool().evictAll();
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static double rawRound(OkHttpClient client, String url, Secret key, int calls) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            Request request = new Request.Builder()
                    .url(url)
                    .header("Authorization", "Bearer " + key.reveal())
                    .header("Accept", "application/json")
                    .build();
            try (Response response = client.newCall(request).execute()) {
                JsonNode node = Json.MAPPER.readTree(response.body().bytes());
                if (!node.has("records")) {
                    throw new IllegalStateException("unexpected body");
                }
            }
        }
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    private static double kitRound(Transport transport, ApiRequest req, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            JsonNode node = transport.send(req, JsonNode.class);
            if (!node.has("records")) {
                throw new IllegalStateException("unexpected body");
            }
        }
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    /** Reaches the protected options() of the builder from this package. */
    static final class TransportFactory {
        Transport create(Builder b, Secret key) {
            return Transport.builder(b.frozen(), "Bench")
                    .credentials(Credentials.bearer(key))
                    .build();
        }
    }
}
