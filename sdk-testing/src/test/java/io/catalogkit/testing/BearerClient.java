package io.catalogkit.testing;

import io.catalogkit.core.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A stand-in for a platform client in the extension tests: a base URL, a bearer, and close(). */
final class BearerClient implements AutoCloseable {
    private static final OkHttpClient HTTP = new OkHttpClient();

    final String baseUrl;
    private final Secret bearer;
    private volatile boolean closed;

    BearerClient(String baseUrl, Secret bearer) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
    }

    /** GETs a path; the status. */
    int get(String path) {
        return send(new Request.Builder().url(baseUrl + path).get());
    }

    /** POSTs a JSON body to a path; the status. */
    int post(String path, String json) {
        return send(new Request.Builder()
                .url(baseUrl + path)
                .post(RequestBody.create(json, MediaType.get("application/json"))));
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    private int send(Request.Builder request) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer.reveal());
        }
        try (Response r = HTTP.newCall(request.build()).execute()) {
            return r.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
