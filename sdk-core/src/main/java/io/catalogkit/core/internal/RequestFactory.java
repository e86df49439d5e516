package io.catalogkit.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Turns an {@link ApiRequest} into what OkHttp sends: the URL under the base URL, the body, the
 * headers every request carries, the request id, and the credentials of one attempt. Builds, never
 * sends. Thread-safe; one per client.
 */
final class RequestFactory {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);
    /** The most fixed paths kept ready; the paths are the platforms' constants (bounded all the same). */
    private static final int MAX_FIXED_PATHS = 64;

    private final String platform;
    /** The base URL without a trailing empty segment, so that paths append cleanly. */
    private final HttpUrl root;
    /** The base URL with each fixed path already appended and canonicalised. */
    private final ConcurrentMap<String, HttpUrl> fixedPaths = new ConcurrentHashMap<>();
    /** The headers every request carries, checked and built once. */
    private final Headers staticHeaders;

    private final String requestIdHeader;
    /** Whether the request-id header can be added without replacing a static header. */
    private final boolean requestIdIsExtra;

    RequestFactory(HttpUrl baseUrl, String platform, String requestIdHeader) {
        this.platform = platform;
        HttpUrl.Builder r = baseUrl.newBuilder().encodedPath("/");
        for (String s : baseUrl.encodedPathSegments()) {
            if (!s.isEmpty()) {
                r.addEncodedPathSegment(s);
            }
        }
        this.root = r.build();
        this.staticHeaders = new Headers.Builder()
                .add("User-Agent", Version.USER_AGENT)
                .add("Accept", "application/json")
                .build();
        this.requestIdHeader = requestIdHeader;
        this.requestIdIsExtra = requestIdHeader != null && staticHeaders.get(requestIdHeader) == null;
    }

    /** The URL of a request: the base URL, its path segments, its query. */
    HttpUrl url(ApiRequest request) {
        List<String> p = request.path;
        List<String> q = request.query;
        if (p.size() == 2 && p.get(0) != null) {
            HttpUrl fixed = fixedPaths.get(p.get(0));
            if (fixed == null) {
                fixed = root.newBuilder().addPathSegments(p.get(0)).build();
                if (fixedPaths.size() < MAX_FIXED_PATHS) {
                    fixedPaths.put(p.get(0), fixed);
                }
            }
            if (q.isEmpty()) {
                return fixed;
            }
            HttpUrl.Builder b = fixed.newBuilder();
            for (int i = 0; i < q.size(); i += 2) {
                b.addQueryParameter(q.get(i), q.get(i + 1));
            }
            return b.build();
        }
        HttpUrl.Builder b = root.newBuilder();
        for (int i = 0; i < p.size(); i += 2) {
            if (p.get(i) != null) {
                b.addPathSegments(p.get(i));
            } else {
                b.addPathSegment(p.get(i + 1));
            }
        }
        for (int i = 0; i < q.size(); i += 2) {
            b.addQueryParameter(q.get(i), q.get(i + 1));
        }
        return b.build();
    }

    /** The body: JSON of the request's object, a ready body as it is, or an empty one for POST/PUT. */
    RequestBody body(ApiRequest request) {
        if (request.body instanceof RequestBody ready) {
            // A body in another encoding than JSON (e.g. an OAuth form), built by the caller.
            return ready;
        }
        if (request.body != null) {
            try {
                return RequestBody.create(Json.MAPPER.writeValueAsBytes(request.body), JSON);
            } catch (JsonProcessingException e) {
                throw new CatalogKitException(
                        platform + " " + request.operation + ": the request body could not be written as JSON", e);
            }
        }
        return request.method.equals("POST") || request.method.equals("PUT") ? EMPTY : null;
    }

    /**
     * One attempt's request.
     *
     * @param sent receives the credential the request carries, or null for none
     */
    Request build(
            ApiRequest request,
            HttpUrl url,
            RequestBody body,
            String requestId,
            Credentials creds,
            Attempt state,
            Secret[] sent) {
        Request.Builder b = new Request.Builder()
                .url(url)
                .headers(staticHeaders)
                .method(request.method, body)
                .tag(Attempt.class, state);
        if (requestIdIsExtra) {
            b.addHeader(requestIdHeader, requestId);
        } else if (requestIdHeader != null) {
            b.header(requestIdHeader, requestId);
        }
        for (Map.Entry<String, String> h : request.headers.entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        sent[0] = creds.apply(b);
        return b.build();
    }

    /** A random, UUID-shaped id; unlike {@link UUID#randomUUID()} it does not draw on SecureRandom. */
    static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
