package io.catalogkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one-line forms tests use to stub errors. */
class ExceptionBuildersTest {
    /** Each subclass's {@code of}, {@code builder()} and the status it stands for. */
    private record Kind(
            Class<? extends ApiException> type,
            int status,
            Function<String, ApiException> of,
            Supplier<ApiException.Builder<? extends ApiException>> builder) {}

    private static final List<Kind> KINDS = List.of(
            new Kind(AuthenticationException.class, 401, AuthenticationException::of, AuthenticationException::builder),
            new Kind(
                    PermissionDeniedException.class,
                    403,
                    PermissionDeniedException::of,
                    PermissionDeniedException::builder),
            new Kind(NotFoundException.class, 404, NotFoundException::of, NotFoundException::builder),
            new Kind(ConflictException.class, 409, ConflictException::of, ConflictException::builder),
            new Kind(RateLimitedException.class, 429, RateLimitedException::of, RateLimitedException::builder),
            new Kind(ServerException.class, 500, ServerException::of, ServerException::builder));

    @Test
    void ofDefaultsWhatATestDoesNotCareAbout() {
        for (Kind k : KINDS) {
            ApiException e = k.of().apply("no API token g1");
            assertThat(e).isExactlyInstanceOf(k.type());
            assertThat(e.getMessage()).isEqualTo("no API token g1");
            assertThat(e.statusCode()).isEqualTo(k.status());
            assertThat(e.method()).isEqualTo("GET");
            assertThat(e.path()).isEqualTo("/");
            assertThat(e.requestId()).isEmpty();
            assertThat(e.errorCode()).isEmpty();
            assertThat(e.getCause()).isNull();
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void aSubclassRefusesTheStatusTakingFormsItWouldOtherwiseInheritFromApiException() {
        assertThatThrownBy(() -> NotFoundException.builder(500))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NotFoundException.builder(500)")
                .hasMessageContaining("NotFoundException.builder()")
                .hasMessageContaining("ApiException.builder(500)");
        assertThatThrownBy(() -> NotFoundException.of(500, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NotFoundException.of(message)");
        List<Function<Integer, Object>> builders = List.of(
                AuthenticationException::builder,
                PermissionDeniedException::builder,
                NotFoundException::builder,
                ConflictException::builder,
                RateLimitedException::builder,
                ServerException::builder);
        for (Function<Integer, Object> b : builders) {
            assertThatThrownBy(() -> b.apply(503)).isInstanceOf(IllegalArgumentException.class);
        }
        List<Function<String, Object>> ofs = List.of(
                m -> AuthenticationException.of(400, m),
                m -> PermissionDeniedException.of(400, m),
                m -> NotFoundException.of(400, m),
                m -> ConflictException.of(400, m),
                m -> RateLimitedException.of(400, m),
                m -> ServerException.of(400, m));
        for (Function<String, Object> of : ofs) {
            assertThatThrownBy(() -> of.apply("m")).isInstanceOf(IllegalArgumentException.class);
        }
        // ApiException's own forms, and each type's, still work
        assertThat(ApiException.builder(500).build()).isExactlyInstanceOf(ApiException.class);
        assertThat(ApiException.of(418, "m").statusCode()).isEqualTo(418);
        assertThat(NotFoundException.of("m")).isExactlyInstanceOf(NotFoundException.class);
        assertThat(ServerException.builder().statusCode(503).build().statusCode())
                .isEqualTo(503);
    }

    @Test
    void buildersSetEveryField() {
        for (Kind k : KINDS) {
            ApiException e = k.builder()
                    .get()
                    .message("m")
                    .statusCode(200)
                    .requestId("r-1")
                    .errorCode("ATLAS-404-00-005")
                    .method("DELETE")
                    .path("/api/service/apikeys/g1")
                    .build();
            assertThat(e).isExactlyInstanceOf(k.type());
            assertThat(e.getMessage()).isEqualTo("m");
            assertThat(e.statusCode())
                    .as("an in-body error states its own status")
                    .isEqualTo(200);
            assertThat(e.requestId()).contains("r-1");
            assertThat(e.errorCode()).contains("ATLAS-404-00-005");
            assertThat(e.method()).isEqualTo("DELETE");
            assertThat(e.path()).isEqualTo("/api/service/apikeys/g1");
        }
    }

    @Test
    void withoutAMessageTheMessageNamesStatusMethodAndPath() {
        assertThat(NotFoundException.builder()
                        .method("DELETE")
                        .path("/api/service/apikeys/g1")
                        .build()
                        .getMessage())
                .isEqualTo("the server answered 404 to DELETE /api/service/apikeys/g1");
        assertThat(ApiException.builder(418).build().getMessage()).isEqualTo("the server answered 418 to GET /");
    }

    @Test
    void theBaseTypeTakesItsStatus() {
        ApiException e = ApiException.of(400, "bad filter");
        assertThat(e).isExactlyInstanceOf(ApiException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("bad filter");
        assertThat(ApiException.builder(422).requestId("r").build().requestId()).contains("r");
    }

    @Test
    void rateLimitedCarriesItsDelayWhateverTheOrderOfTheSetters() {
        RateLimitedException e = RateLimitedException.builder()
                .message("slow down")
                .path("/api/graphql")
                .retryAfter(Duration.ofSeconds(30))
                .build();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).isEqualTo("slow down");
        assertThat(e.path()).isEqualTo("/api/graphql");
        assertThat(RateLimitedException.of("slow down").retryAfter()).isEmpty();
        assertThatThrownBy(() -> RateLimitedException.builder().retryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryAfter");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        Map<String, Runnable> bad = Map.of(
                "statusCode", () -> ApiException.builder(99),
                "statusCode ", () -> NotFoundException.builder().statusCode(600),
                "message", () -> NotFoundException.builder().message(null),
                "method", () -> ServerException.builder().method(null),
                "path", () -> ConflictException.builder().path(null));
        bad.forEach((name, call) -> assertThatThrownBy(call::run).as(name).hasMessageContaining(name.trim()));
    }

    @Test
    void transportExceptionsInOneLine() {
        TransportException maybe = TransportException.of("read timed out", true);
        assertThat(maybe.mayHaveReachedServer()).isTrue();
        assertThat(maybe.getMessage()).isEqualTo("read timed out");
        assertThat(maybe.getCause()).isNull();
        assertThat(TransportException.of("connection refused", false).mayHaveReachedServer())
                .isFalse();
        IOException cause = new IOException("reset");
        assertThat(new TransportException("m", true, cause).getCause()).isSameAs(cause);
    }

    @Test
    void theExistingConstructorsStillFillEveryField() {
        NotFoundException e = new NotFoundException("m", 404, "r", "c", "DELETE", "/p");
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.requestId()).contains("r");
        assertThat(e.errorCode()).contains("c");
        assertThat(e.method()).isEqualTo("DELETE");
        assertThat(e.path()).isEqualTo("/p");
    }
}
