package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.ConflictException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.RateLimitedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportTest {
    private static final Secret KEY = Secret.of("key-abcdef-123456");

    @StartStop
    final MockWebServer server = new MockWebServer();

    final TestClients clients = new TestClients();

    /** The field names of a JSON error body, as a platform would name them. */
    static final ErrorParser PARSER = FieldErrorParser.builder()
            .codeFields("errorCode", "code", "error")
            .messageFields("errorMessage", "message", "detail", "error_description", "title", "errorCause", "error")
            .requestIdField("requestId")
            .requestIdHeaders("X-Request-Id")
            .build();

    private Transport transport(TestClients.Builder b) {
        return Transport.builder(b.build(), "Test")
                .credentials(Credentials.bearer(KEY))
                .errorParser(PARSER)
                .build();
    }

    private Transport transport() {
        return transport(clients.builder(server.url("/").toString()));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** {@link #get()} with a retry test on its answer. */
    private static ApiRequest retrying(java.util.function.Predicate<JsonNode> test) {
        return ApiRequest.builder("read thing", "GET")
                .path("api/things")
                .safeToRetry(true)
                .retryIfAnswer(test)
                .build();
    }

    private static ApiRequest get() {
        return ApiRequest.builder("read thing", "GET")
                .path("api/things")
                .safeToRetry(true)
                .build();
    }

    private static ApiRequest create() {
        return ApiRequest.builder("create thing", "POST")
                .path("api/things")
                .body(Map.of("name", "n"))
                .ambiguousFailureHint("Look the thing up by name before creating it again.")
                .build();
    }

    @Test
    void buildsUrlFromBasePathSegmentsAndEncodedParams() throws Exception {
        server.enqueue(json(200, "{\"a\":1}"));
        try (Transport t = transport(clients.builder(server.url("/prefix/v1/").toString()))) {
            JsonNode n = t.exchange(ApiRequest.builder("read thing", "GET")
                            .path("api/things/")
                            .pathParam("a b/c\"d")
                            .query("filter", "{\"displayName\":\"x y\\\"é\"}")
                            .build())
                    .body();
            assertThat(n.get("a").asInt()).isEqualTo(1);
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/prefix/v1/api/things/a%20b%2Fc%22d");
        assertThat(r.getUrl().encodedQuery()).doesNotContain(" ", "\"");
        assertThat(r.getUrl().queryParameter("filter")).isEqualTo("{\"displayName\":\"x y\\\"é\"}");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY.reveal());
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(r.getHeaders().get("User-Agent")).startsWith("catalogkit-java/");
        assertThat(r.getHeaders().get("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void aFixedPathSentAgainCarriesOnlyThatCallsQueryAndHeaders() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, "{}"));
        }
        try (Transport t = transport(clients.builder(server.url("/prefix/").toString()))) {
            t.exchange(ApiRequest.builder("list", "GET")
                            .path("api/things")
                            .query("offset", "0")
                            .header("X-Extra", "one")
                            .build())
                    .body();
            t.exchange(ApiRequest.builder("list", "GET")
                            .path("api/things")
                            .query("offset", "20")
                            .build())
                    .body();
            t.exchange(ApiRequest.builder("all", "GET").path("api/things").build())
                    .body();
        }
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        RecordedRequest third = server.takeRequest();
        assertThat(first.getUrl().toString()).endsWith("/prefix/api/things?offset=0");
        assertThat(first.getHeaders().get("X-Extra")).isEqualTo("one");
        assertThat(second.getUrl().toString()).endsWith("/prefix/api/things?offset=20");
        assertThat(second.getHeaders().get("X-Extra")).isNull();
        assertThat(third.getUrl().toString()).endsWith("/prefix/api/things");
        assertThat(List.of(first, second, third))
                .extracting(r -> r.getHeaders().values("X-Request-Id").size())
                .containsOnly(1);
        assertThat(first.getHeaders().get("X-Request-Id"))
                .isNotEqualTo(second.getHeaders().get("X-Request-Id"));
    }

    @Test
    void keepsTrailingSlashOfFixedPathAndSendsJsonBody() throws Exception {
        server.enqueue(json(201, "{\"ok\":true}"));
        try (Transport t = transport()) {
            t.exchange(ApiRequest.builder("mint", "POST")
                            .path("integration/v1/createAPIAccessToken/")
                            .body(Map.of("user_id", 17))
                            .credentials(Credentials.none())
                            .build())
                    .body();
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/integration/v1/createAPIAccessToken/");
        assertThat(r.getBody().utf8()).isEqualTo("{\"user_id\":17}");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(r.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void readsEmptyBodyAsNull() {
        server.enqueue(new MockResponse.Builder().code(200).build());
        try (Transport t = transport()) {
            assertThat((Object) t.exchange(get()).body()).isNull();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "400, io.catalogkit.core.ApiException",
        "401, io.catalogkit.core.AuthenticationException",
        "403, io.catalogkit.core.PermissionDeniedException",
        "404, io.catalogkit.core.NotFoundException",
        "409, io.catalogkit.core.ConflictException",
        "422, io.catalogkit.core.ApiException",
        "429, io.catalogkit.core.RateLimitedException",
        "500, io.catalogkit.core.ServerException",
        "502, io.catalogkit.core.ServerException",
        "503, io.catalogkit.core.ServerException",
        "302, io.catalogkit.core.ApiException",
    })
    void mapsEveryStatusClassToItsExceptionWithFields(int status, String type) {
        server.enqueue(new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .setHeader("X-Request-Id", "req-42")
                .body("{\"errorCode\":\"ATLAS-" + status + "-00-001\",\"errorMessage\":\"it went wrong\"}")
                .build());
        try (Transport t = transport(clients.builder(server.url("/").toString()).maxRetries(0))) {
            ApiException e = catchThrowableOfType(
                    ApiException.class, () -> t.exchange(get()).body());
            assertThat(e).isExactlyInstanceOf(classFor(type));
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.requestId()).contains("req-42");
            assertThat(e.errorCode()).contains("ATLAS-" + status + "-00-001");
            assertThat(e.method()).isEqualTo("GET");
            assertThat(e.path()).isEqualTo("/api/things");
            assertThat(e.getMessage())
                    .startsWith("Test read thing failed: GET /api/things answered " + status + ": it went wrong")
                    .contains("(code ATLAS-" + status + "-00-001)")
                    .contains(ErrorMapper.defaultHint(status))
                    .contains("[request id req-42]");
        }
    }

    private static Class<?> classFor(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void authErrorsCarryAHintAboutTheKey() {
        server.enqueue(json(401, "{\"status\":401,\"url\":\"/api/things\"}"));
        try (Transport t = transport()) {
            AuthenticationException e = catchThrowableOfType(
                    AuthenticationException.class, () -> t.exchange(get()).body());
            assertThat(e.getMessage()).contains("Check the API key / token");
            assertThat(e.errorCode()).isEmpty();
        }
    }

    @Test
    void htmlErrorFromAProxyStaysARetriableServerExceptionByStatus() {
        MockResponse html = new MockResponse.Builder()
                .code(502)
                .setHeader("Content-Type", "text/html")
                .body("<html><body>Bad gateway</body></html>")
                .build();
        server.enqueue(html);
        server.enqueue(html);
        server.enqueue(html);
        try (Transport t = transport()) {
            ServerException e = catchThrowableOfType(
                    ServerException.class, () -> t.exchange(get()).body());
            assertThat(e.statusCode()).isEqualTo(502);
            assertThat(e.getMessage()).doesNotContain("<html>");
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(clients.sleeps).hasSize(2);
    }

    @Test
    void requestIdFallsBackToTheBodyThenToTheIdSent() throws Exception {
        server.enqueue(json(404, "{\"requestId\":\"body-id\"}"));
        server.enqueue(json(404, "{}"));
        try (Transport t = transport()) {
            assertThat(catchThrowableOfType(
                                    NotFoundException.class,
                                    () -> t.exchange(get()).body())
                            .requestId())
                    .contains("body-id");
            NotFoundException second = catchThrowableOfType(
                    NotFoundException.class, () -> t.exchange(get()).body());
            server.takeRequest();
            RecordedRequest sent = server.takeRequest();
            assertThat(second.requestId()).contains(sent.getHeaders().get("X-Request-Id"));
        }
    }

    @Test
    void sendsTheRequestIdUnderThePlatformsHeader() throws Exception {
        server.enqueue(json(200, "{}"));
        try (Transport t = Transport.builder(
                        clients.builder(server.url("/").toString()).build(), "Test")
                .requestIdHeader("X-Test-Request-Id")
                .build()) {
            t.exchange(get()).body();
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("X-Test-Request-Id")).isNotBlank();
        assertThat(r.getHeaders().get("X-Request-Id")).isNull();
    }

    @Test
    void retries503And429HonouringRetryAfterSecondsWithoutSleeping() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "3")
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "7")
                .build());
        server.enqueue(json(200, "{\"ok\":true}"));
        try (Transport t = transport()) {
            JsonNode n = t.exchange(get()).body();
            assertThat(n.get("ok").asBoolean()).isTrue();
        }
        assertThat(clients.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void retryAfterAsHttpDateIsMeasuredOnTheClientsClock() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "Thu, 01 Jan 2026 00:00:12 GMT")
                .build());
        server.enqueue(json(200, "{}"));
        try (Transport t =
                transport(clients.builder(server.url("/").toString()).clock(Clock.fixed(now, ZoneOffset.UTC)))) {
            t.exchange(get()).body();
        }
        assertThat(clients.sleeps).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void retryAfterAboveTheCeilingEndsTheRetriesWithTheDelayReported() {
        server.enqueue(json(429, "{\"message\":\"slow down\"}")
                .newBuilder()
                .setHeader("Retry-After", "3600")
                .build());
        try (Transport t = transport()) {
            RateLimitedException e = catchThrowableOfType(
                    RateLimitedException.class, () -> t.exchange(get()).body());
            assertThat(e.retryAfter()).contains(Duration.ofHours(1));
            assertThat(e.getMessage()).contains("slow down").contains("wait 3600 s");
        }
        assertThat(clients.sleeps).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxRetriesWithBackoffWithinBounds() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(504).build());
        }
        try (Transport t = transport(clients.builder(server.url("/").toString())
                .maxRetries(3)
                .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(250)))) {
            assertThatThrownBy(() -> t.exchange(get()).body()).isInstanceOf(ServerException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(clients.sleeps).hasSize(3);
        assertThat(clients.sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(clients.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        assertThat(clients.sleeps.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(250));
    }

    @Test
    void doesNotRetryNonRetriableStatuses() {
        server.enqueue(json(403, "{}"));
        try (Transport t = transport()) {
            assertThatThrownBy(() -> t.exchange(get()).body()).isInstanceOf(PermissionDeniedException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(clients.sleeps).isEmpty();
    }

    @Test
    void retriesASafePost() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(json(200, "{\"records\":[]}"));
        ApiRequest lookup = ApiRequest.builder("validate token", "POST")
                .path("validate/")
                .body(Map.of("token", "t"))
                .safeToRetry(true)
                .build();
        try (Transport t = transport()) {
            assertThat(t.exchange(lookup).body().has("records")).isTrue();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(server.takeRequest().getBody().utf8())
                .isEqualTo(server.takeRequest().getBody().utf8());
    }

    @Test
    void aReplayedDeleteThatFindsTheResourceGoneIsDoneButAFirst404IsNot() {
        ApiRequest delete = ApiRequest.builder("delete thing", "DELETE")
                .path("api/things/1")
                .safeToRetry(true)
                .doneIfReplayAnswers(404)
                .build();
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(json(404, "{}"));
        server.enqueue(json(404, "{}"));
        try (Transport t = transport()) {
            assertThat(t.exchange(delete).status()).isEqualTo(404);
            assertThatThrownBy(() -> t.exchange(delete)).isInstanceOf(NotFoundException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void neverRepeatsAnUnsafeCallAnsweredWithA503() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        try (Transport t = transport()) {
            assertThatThrownBy(() -> t.exchange(create()).body()).isInstanceOf(ServerException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void neverRepeatsAnUnsafeCallThatFailedAfterItWasSent() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(json(200, "{}"));
        try (Transport t = transport()) {
            TransportException e = catchThrowableOfType(
                    TransportException.class, () -> t.exchange(create()).body());
            assertThat(e.mayHaveReachedServer()).isTrue();
            assertThat(e.getMessage())
                    .contains("may have reached the server, so it was not repeated")
                    .contains("Look the thing up by name");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(clients.sleeps).isEmpty();
    }

    @Test
    void retriesASafeCallAfterADroppedConnection() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(json(200, "{\"ok\":1}"));
        try (Transport t = transport()) {
            assertThat(t.exchange(get()).body().get("ok").asInt()).isEqualTo(1);
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    /**
     * A client for a port nothing listens on yet, so that the first attempt's connection is refused
     * (never sent); {@code late} starts there when the client waits to retry.
     */
    private TestClients.Builder startsOnFirstRetry(MockWebServer late) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return clients.builder("http://127.0.0.1:" + port + "/").sleeper(d -> {
            clients.sleeps.add(d);
            try {
                late.start(java.net.InetAddress.getLoopbackAddress(), port);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void retriesAnUnsafeCallWhoseConnectionWasRefused() throws Exception {
        MockWebServer late = new MockWebServer();
        late.enqueue(json(201, "{\"id\":\"t-1\"}"));
        TestClients.Builder b = startsOnFirstRetry(late);
        try (late;
                Transport t = transport(b)) {
            assertThat(t.exchange(create()).body().get("id").asText()).isEqualTo("t-1");
            assertThat(late.getRequestCount()).isEqualTo(1);
        }
        assertThat(clients.sleeps).hasSize(1);
    }

    @Test
    void refusedConnectionAfterRetriesSaysTheRequestNeverArrived() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Transport t = transport(clients.builder("http://127.0.0.1:" + port).maxRetries(1))) {
            TransportException e = catchThrowableOfType(
                    TransportException.class, () -> t.exchange(create()).body());
            assertThat(e.mayHaveReachedServer()).isFalse();
            assertThat(e.getMessage()).contains("after 2 attempts").contains("never reached the server");
        }
    }

    @Test
    void enforcesTheCallTimeout() {
        server.enqueue(
                json(200, "{}").newBuilder().headersDelay(5, TimeUnit.SECONDS).build());
        try (Transport t = transport(clients.builder(server.url("/").toString())
                .callTimeout(Duration.ofMillis(300))
                .maxRetries(0))) {
            TransportException e = catchThrowableOfType(
                    TransportException.class, () -> t.exchange(create()).body());
            assertThat(e.getMessage()).contains("timed out after 1 attempt");
            assertThat(e.mayHaveReachedServer()).isTrue();
        }
    }

    @Test
    void anOperationsOwnLongerTimeoutReplacesTheClientsDefaults() {
        server.enqueue(json(200, "{\"slow\":true}")
                .newBuilder()
                .headersDelay(400, TimeUnit.MILLISECONDS)
                .build());
        ApiRequest slow = ApiRequest.builder("create slowly", "POST")
                .path("slow")
                .timeout(Duration.ofSeconds(30))
                .build();
        try (Transport t = transport(clients.builder(server.url("/").toString()).readTimeout(Duration.ofMillis(100)))) {
            assertThat(t.exchange(slow).body().get("slow").asBoolean()).isTrue();
        }
    }

    @Test
    void anExplicitCallTimeoutWinsOverAnOperationsOwnDefault() {
        server.enqueue(
                json(200, "{}").newBuilder().headersDelay(5, TimeUnit.SECONDS).build());
        ApiRequest slow = ApiRequest.builder("create slowly", "POST")
                .path("slow")
                .timeout(Duration.ofMinutes(6))
                .build();
        try (Transport t = transport(clients.builder(server.url("/").toString()).callTimeout(Duration.ofMillis(300)))) {
            TransportException e = catchThrowableOfType(
                    TransportException.class, () -> t.exchange(slow).body());
            assertThat(e.getMessage()).contains("timed out after 1 attempt");
        }
    }

    @Test
    void aTwoHundredWithHtmlIsMalformedNamingTheContentType() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<html><form>Sign in</form></html>")
                .build());
        try (Transport t = transport()) {
            MalformedResponseException e = catchThrowableOfType(
                    MalformedResponseException.class, () -> t.exchange(get()).body());
            assertThat(e.getMessage())
                    .contains("text/html")
                    .contains("GET /api/things answered 200")
                    .contains("login page")
                    .doesNotContain("Sign in");
        }
    }

    @Test
    void aRetryTestReadsTheAnswerOnceAndRepeatsWhatItAccepts() {
        server.enqueue(json(200, "{\"errors\":[{\"message\":\"not ready\"}]}"));
        server.enqueue(json(200, "{\"data\":{\"n\":1}}"));
        ApiRequest r = retrying(tree -> tree.has("errors"));
        try (Transport t = transport()) {
            assertThat(t.exchange(r).body().path("data").path("n").asInt()).isEqualTo(1);
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRetryTestOnAnAnswerThatIsNotJsonLeavesItWholeToBeReportedAsMalformed() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<html><form>Sign in</form></html>")
                .build());
        ApiRequest r = retrying(tree -> true);
        try (Transport t = transport()) {
            MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class, () -> t.exchange(r));
            assertThat(e).as("malformed, not an empty answer").isNotNull();
            assertThat(e.getMessage()).contains("text/html");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void doesNotFollowRedirectsSoCredentialsStayOnTheHost() {
        server.enqueue(new MockResponse.Builder()
                .code(302)
                .setHeader("Location", "https://login.example.com/sso")
                .build());
        try (Transport t = transport()) {
            ApiException e = catchThrowableOfType(
                    ApiException.class, () -> t.exchange(get()).body());
            assertThat(e.statusCode()).isEqualTo(302);
            assertThat(e.getMessage()).contains("redirects");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void secretsEchoedByTheServerAreRedactedFromMessages() {
        Secret bodySecret = Secret.of("password-in-body-987");
        server.enqueue(json(
                400,
                "{\"message\":\"bad key " + KEY.reveal() + " and " + bodySecret.reveal()
                        + " eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl\"}"));
        ApiRequest r = ApiRequest.builder("login", "POST")
                .path("login")
                .body(Map.of("password", bodySecret.reveal()))
                .secrets(bodySecret)
                .build();
        try (Transport t = transport()) {
            ApiException e =
                    catchThrowableOfType(ApiException.class, () -> t.exchange(r).body());
            assertThat(e.getMessage())
                    .doesNotContain(KEY.reveal())
                    .doesNotContain(bodySecret.reveal())
                    .doesNotContain("eyJhbGciOiJIUzI1NiJ9")
                    .contains("[redacted]");
        }
    }

    @Test
    void perCallHintsReplaceTheDefault() {
        server.enqueue(json(403, "{}"));
        ApiRequest r = ApiRequest.builder("save asset", "POST")
                .path("save")
                .hints((status, code) -> status == 403 ? "The impersonation token was refused." : null)
                .build();
        try (Transport t = transport()) {
            assertThat(catchThrowableOfType(
                                    PermissionDeniedException.class,
                                    () -> t.exchange(r).body())
                            .getMessage())
                    .contains("The impersonation token was refused.");
        }
    }

    @Test
    void inBodyErrorsGoThroughTheSameMapper() {
        server.enqueue(json(200, "{\"errors\":[{\"message\":\"nope\"}]}"));
        try (Transport t = transport()) {
            Answer ex = t.exchange(get());
            ApiException e = ex.fail(ErrorReport.of(409, "CONFLICT", "nope"));
            assertThat(e).isInstanceOf(ConflictException.class);
            assertThat(e.errorCode()).contains("CONFLICT");
            assertThat(e.requestId()).isPresent();
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.getMessage()).contains("GET /api/things answered 200 reporting an error 409: nope");
            assertThat(ex.malformed("a data object").getMessage()).contains("a data object");
        }
    }

    @Test
    void closingLeavesASharedClientUsable() {
        okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
        server.enqueue(json(200, "{}"));
        try (Transport t = transport(clients.builder(server.url("/").toString()).httpClient(shared))) {
            t.exchange(get());
            assertThat(shared.connectionPool().connectionCount()).isEqualTo(1); // its pool holds the connection
        }
        assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    }

    // ---------------------------------------------------------------- defects of issue 8

    @Test
    void a503WithRetryAfterZeroIsNeverResentByOkHttpBehindTheRetryPolicy() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "0")
                .build());
        server.enqueue(json(201, "{\"id\":\"second\"}"));
        try (Transport t = transport()) {
            assertThatThrownBy(() -> t.exchange(create()).body()).isInstanceOf(ServerException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRetryAfterBeyondIntIsTheServersDelayNotAnEscapedNumberFormatException() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "99999999999")
                .build());
        try (Transport t = transport()) {
            ServerException e = catchThrowableOfType(
                    ServerException.class, () -> t.exchange(get()).body());
            assertThat(e.getMessage()).contains("wait 99999999999 s");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(clients.sleeps).isEmpty();
    }

    @Test
    void aNegativeContentLengthIsATransportFailureThatMayHaveReachedTheServer() throws Exception {
        try (RawServer raw = new RawServer("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}");
                Transport t = transport(clients.builder(raw.url()))) {
            TransportException e = catchThrowableOfType(TransportException.class, () -> t.exchange(create()));
            assertThat(e.mayHaveReachedServer()).isTrue();
            assertThat(e.getMessage()).contains("may have reached the server");
            assertThat(raw.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void aCredentialThatCannotBeAHeaderFailsBeforeSendingWithoutQuotingIt() {
        Secret broken = Secret.of("first-line\nsecond-line");
        try (Transport t = Transport.builder(
                        clients.builder(server.url("/").toString()).build(), "Test")
                .credentials(Credentials.header("TOKEN", "", () -> broken))
                .build()) {
            CatalogKitException e = catchThrowableOfType(CatalogKitException.class, () -> t.exchange(get()));
            assertThat(e.getMessage()).contains("TOKEN").doesNotContain("first-line");
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aFollowUpOkHttpTriesIsALoudTransportFailureThatIsNotRepeated() {
        okhttp3.OkHttpClient retrying = new okhttp3.OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    chain.proceed(chain.request()).close();
                    return chain.proceed(chain.request());
                })
                .build();
        server.enqueue(json(201, "{}"));
        server.enqueue(json(201, "{}"));
        try (Transport t = transport(clients.builder(server.url("/").toString()).httpClient(retrying))) {
            TransportException e = catchThrowableOfType(TransportException.class, () -> t.exchange(create()));
            assertThat(e.mayHaveReachedServer()).isTrue();
            assertThat(e.getMessage()).contains("OkHttp tried to send a follow-up request");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void closeStopsEveryCallBeforeAnythingIsSent() {
        Transport t = transport();
        t.close();
        assertThatThrownBy(() -> t.exchange(get()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> t.exchange(get()).body()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(t::checkOpen).isInstanceOf(IllegalStateException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theCallTimeoutBoundsTheWholeOperationWaitsIncluded() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(503)
                    .setHeader("Retry-After", "5")
                    .build());
        }
        try (Transport t = transport(clients.builder(server.url("/").toString()).callTimeout(Duration.ofSeconds(1)))) {
            assertThatThrownBy(() -> t.exchange(get())).isInstanceOf(ServerException.class);
        }
        assertThat(clients.sleeps)
                .as("a 5 s wait cannot fit in a 1 s operation")
                .isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void ownBackoffIsNeverHeldAgainstMaxRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(json(200, "{}"));
        try (Transport t = transport(clients.builder(server.url("/").toString())
                .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .maxRetryAfter(Duration.ZERO))) {
            t.exchange(get());
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(clients.sleeps).hasSize(1);
    }

    @Test
    void maxRetriesOfIntegerMaxValueRetries() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(json(200, "{\"ok\":1}"));
        try (Transport t = transport(clients.builder(server.url("/").toString()).maxRetries(Integer.MAX_VALUE))) {
            assertThat(t.exchange(get()).body().get("ok").asInt()).isEqualTo(1);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    static ApiRequest delete() {
        return ApiRequest.builder("delete thing", "DELETE")
                .path("api/things/1")
                .safeToRetry(true)
                .doneIfReplayAnswers(404)
                .build();
    }

    @Test
    void a404AfterA503IsNotFoundBecauseTheFirstAttemptDidNothing() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(json(404, "{}"));
        try (Transport t = transport()) {
            assertThatThrownBy(() -> t.exchange(delete())).isInstanceOf(NotFoundException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a404AfterAConnectionThatFailedBeforeSendingIsNotFound() throws Exception {
        MockWebServer late = new MockWebServer();
        late.enqueue(json(404, "{}"));
        TestClients.Builder b = startsOnFirstRetry(late);
        try (late;
                Transport t = transport(b)) {
            assertThatThrownBy(() -> t.exchange(delete())).isInstanceOf(NotFoundException.class);
            assertThat(late.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void a404AfterAGatewayTimeoutMayBeTheEarlierAttemptsWork() {
        server.enqueue(new MockResponse.Builder().code(504).build());
        server.enqueue(json(404, "{}"));
        try (Transport t = transport()) {
            assertThat(t.exchange(delete()).status()).isEqualTo(404);
        }
    }
}
