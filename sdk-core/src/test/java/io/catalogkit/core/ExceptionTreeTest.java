package io.catalogkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExceptionTreeTest {
    @Test
    void everyErrorIsACatalogKitExceptionAndUnchecked() {
        ApiException[] all = {
            new AuthenticationException("m", 401, null, null, "GET", "/p"),
            new PermissionDeniedException("m", 403, null, null, "GET", "/p"),
            new NotFoundException("m", 404, null, null, "GET", "/p"),
            new ConflictException("m", 409, null, null, "GET", "/p"),
            new RateLimitedException("m", 429, null, null, "GET", "/p", Duration.ofSeconds(5)),
            new ServerException("m", 500, "r", "c", "GET", "/p"),
        };
        for (ApiException e : all) {
            assertThat(e).isInstanceOf(CatalogKitException.class).isInstanceOf(RuntimeException.class);
        }
        assertThat(((RateLimitedException) all[4]).retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(all[5].requestId()).contains("r");
        assertThat(all[5].errorCode()).contains("c");
        assertThat(all[0].requestId()).isEmpty();
        TransportException t = new TransportException("m", true, new IOException("x"));
        assertThat(t.mayHaveReachedServer()).isTrue();
        assertThat(t).isInstanceOf(CatalogKitException.class);
        assertThat(new MalformedResponseException("m")).isInstanceOf(CatalogKitException.class);
        assertThat(new CatalogKitException("m", t).getCause()).isSameAs(t);
    }
}
