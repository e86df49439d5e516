package io.catalogkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponderTest {
    private final Responder responder = Responder.builder()
            .json("lookup", "GET", "/items", "filter=", 200, "{\"one\":true}")
            .json("list", "GET", "/items", 200, "{\"all\":true}")
            .json("graphql-list", "POST", "/graphql", "listThings", 200, "{\"data\":\"list\"}")
            .json("graphql-other", "POST", "/graphql", 200, "{\"data\":\"other\"}")
            .json("created", "POST", "/create/", 201, "{\"created\":1}")
            .start();
    private final OkHttpClient http = Side.httpClient();

    @AfterEach
    void stop() {
        Side.shutdown(http);
        responder.close();
    }

    private String get(String pathAndQuery) throws IOException {
        try (Response r = http.newCall(new Request.Builder()
                        .url(responder.baseUrl() + pathAndQuery)
                        .build())
                .execute()) {
            return r.code() + " " + r.body().string();
        }
    }

    private String post(String path, String body) throws IOException {
        Request request = new Request.Builder()
                .url(responder.baseUrl() + path)
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build();
        try (Response r = http.newCall(request).execute()) {
            return r.code() + " " + r.body().string();
        }
    }

    @Test
    void routesByMethodPathAndMarkerAndCountsEachRoute() throws IOException {
        assertThat(get("/items?limit=1&filter=%7B%7D")).isEqualTo("200 {\"one\":true}");
        assertThat(get("/items?limit=1")).isEqualTo("200 {\"all\":true}");
        assertThat(post("/graphql", "{\"query\":\"query listThings {}\"}")).isEqualTo("200 {\"data\":\"list\"}");
        assertThat(post("/graphql", "{\"query\":\"mutation x {}\"}")).isEqualTo("200 {\"data\":\"other\"}");
        assertThat(post("/create/", "{}")).isEqualTo("201 {\"created\":1}");
        assertThat(get("/nowhere")).startsWith("404 ");
        assertThat(post("/items", "{}")).startsWith("404 ");

        assertThat(responder.requests("lookup")).isEqualTo(1);
        assertThat(responder.requests("list")).isEqualTo(1);
        assertThat(responder.requests("graphql-list")).isEqualTo(1);
        assertThat(responder.requests("graphql-other")).isEqualTo(1);
        assertThat(responder.requests()).isEqualTo(7);
    }

    @Test
    void keepsOneConnectionAlive() throws IOException {
        for (int i = 0; i < 50; i++) {
            assertThat(get("/items")).startsWith("200");
        }
        assertThat(responder.requests()).isEqualTo(50);
        assertThat(responder.connections()).isEqualTo(1);
    }

    @Test
    void readsALargeBodyWholeBeforeAnsweringAndStaysInStep() throws IOException {
        char[] filler = new char[1_000_000];
        Arrays.fill(filler, 'x');
        // the marker is at the very end: found only if the whole body was read
        String big = "{\"pad\":\"" + new String(filler) + "\",\"op\":\"listThings\"}";
        assertThat(post("/graphql", big)).isEqualTo("200 {\"data\":\"list\"}");
        assertThat(post("/graphql", "{\"op\":\"other\"}")).isEqualTo("200 {\"data\":\"other\"}");
        assertThat(get("/items")).isEqualTo("200 {\"all\":true}");
        assertThat(responder.connections()).isEqualTo(1);
    }

    @Test
    void waitsForABodyThatArrivesInPieces() throws Exception {
        URI base = URI.create(responder.baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            String body = "{\"q\":\"listThings\"}";
            out.write(("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(50);
            out.write(("\r\n" + body.substring(0, 5)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(50);
            out.write(body.substring(5).getBytes(StandardCharsets.US_ASCII));
            // a second request on the same connection, asking to close after it
            out.write("GET /items?filter=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = readAll(s.getInputStream());
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(all).contains("{\"data\":\"list\"}HTTP/1.1 200 OK\r\n");
            assertThat(all).endsWith("{\"one\":true}"); // then the server closed: readAll returned
        }
        assertThat(responder.requests()).isEqualTo(2);
    }

    @Test
    void refusesAChunkedBodyAndCloses() throws Exception {
        URI base = URI.create(responder.baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.getOutputStream()
                    .write(
                            "POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s.getInputStream())).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void servesThirtyTwoThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            results.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < 100; i++) {
                    if (post("/graphql", "{\"q\":\"listThings\"}").equals("200 {\"data\":\"list\"}")) {
                        ok++;
                    }
                }
                return ok;
            }));
        }
        int ok = 0;
        for (Future<Integer> f : results) {
            ok += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(3200);
        assertThat(responder.requests()).isEqualTo(3200);
        assertThat(responder.connections()).isBetween(1L, 64L);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
