package io.catalogkit.core.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that takes {@code Retry-After} off every answer to catalogkit's requests and
 * keeps its value on the {@link Attempt} for the retry policy. OkHttp reads the header too: it
 * re-sends a request answered 503 with {@code Retry-After: 0}, whatever the client's settings, and
 * throws {@link NumberFormatException} for a value beyond {@code int}. Hidden here, below OkHttp's
 * follow-up logic, the header reaches only catalogkit's own policy.
 */
final class RetryAfterHider implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Attempt attempt = chain.request().tag(Attempt.class);
        String value = response.header("Retry-After");
        if (attempt == null || value == null) {
            return response;
        }
        attempt.retryAfter(value);
        return response.newBuilder().removeHeader("Retry-After").build();
    }
}
