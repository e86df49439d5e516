package io.catalogkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.RateLimitedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request pipeline's promises, platform by platform: a create is sent once, whatever the server
 * or OkHttp would do; nothing but a catalogkit exception comes out; a closed client sends nothing.
 */
class PipelineRegressionTest {
    static final Secret RT = Secret.of("rt-EXAMPLE-7hQ2vN9xLk4pZm8w");
    static final String ATLAN_CREATED =
            "{\"id\":\"g\",\"clientId\":\"apikey-1\",\"displayName\":\"n\",\"attributes\":{\"accessToken\":\"s3cr3t\"}}";
    static final String ALATION_REFRESH = "{\"user_id\": 17, \"created_at\": \"2025-03-04T09:15:27Z\","
            + " \"token_expires_at\": \"2025-05-03T09:15:27Z\", \"token_status\": \"ACTIVE\","
            + " \"name\": \"ci\", \"refresh_token\": \"rt-EXAMPLE-Jc5rT1yWq8bXs3Ud\"}";
    static final String ALATION_ACCESS = "{\"user_id\": 17, \"created_at\": \"2025-03-04T09:20:02Z\","
            + " \"token_expires_at\": \"2025-03-05T09:20:02Z\", \"token_status\": \"ACTIVE\","
            + " \"api_access_token\": \"at-EXAMPLE-Vd3kP0sLr6nYq2Hz\"}";
    static final String DATAHUB_CREATED = "{\"data\": {\"createAccessToken\": {\"accessToken\": \"eyJ.x.y\","
            + " \"metadata\": {\"id\": \"id-1\", \"name\": \"n\"}}}}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    AtlanClient atlan(OkHttpClient http) {
        AtlanClient.Builder b = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of("k"))
                .sleeper(d -> {});
        return (http == null ? b : b.httpClient(http)).build();
    }

    AlationClient alation() {
        return AlationClient.builder()
                .baseUrl(server.url("/").toString())
                .sleeper(d -> {})
                .build();
    }

    DataHubClient datahub() {
        return DataHubClient.builder()
                .baseUrl(server.url("/").toString())
                .token(Secret.of("t"))
                .sleeper(d -> {})
                .build();
    }

    /** Each create the platforms have, and the answer that would make a second token. */
    static Stream<Arguments> creates() {
        Consumer<PipelineRegressionTest> atlanCreate = t -> {
            try (AtlanClient c = t.atlan(null)) {
                c.apiTokens().create("n", "", Set.of(), null);
            }
        };
        Consumer<PipelineRegressionTest> createRefreshToken = t -> {
            try (AlationClient c = t.alation()) {
                c.refreshTokens().create("jdoe", Secret.of("pw"), "ci");
            }
        };
        Consumer<PipelineRegressionTest> createAccessToken = t -> {
            try (AlationClient c = t.alation()) {
                c.accessTokens().create(RT, 17);
            }
        };
        Consumer<PipelineRegressionTest> regenerate = t -> {
            try (AlationClient c = t.alation()) {
                c.refreshTokens().regenerate(RT, 17);
            }
        };
        Consumer<PipelineRegressionTest> datahubCreate = t -> {
            try (DataHubClient c = t.datahub()) {
                c.accessTokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", null);
            }
        };
        return Stream.of(
                Arguments.of("Atlan create", atlanCreate, ATLAN_CREATED),
                Arguments.of("Alation createRefreshToken", createRefreshToken, ALATION_REFRESH),
                Arguments.of("Alation createAPIAccessToken", createAccessToken, ALATION_ACCESS),
                Arguments.of("Alation regenerate", regenerate, ALATION_REFRESH),
                Arguments.of("DataHub create", datahubCreate, DATAHUB_CREATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creates")
    void a503WithRetryAfterZeroNeverMakesASecondToken(
            String name, Consumer<PipelineRegressionTest> create, String secondAnswer) {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "0")
                .build());
        server.enqueue(MockAnswers.json(200, secondAnswer));
        assertThatThrownBy(() -> create.accept(this)).isInstanceOf(ServerException.class);
        assertThat(server.getRequestCount()).as(name + " reached the server").isEqualTo(1);
    }

    /** A caller's client with every follow-up OkHttp can make switched on. */
    static OkHttpClient eager() {
        Authenticator replay = (route, response) -> response.request()
                .newBuilder()
                .header("Authorization", "Bearer again")
                .build();
        return new OkHttpClient.Builder()
                .followRedirects(true)
                .followSslRedirects(true)
                .retryOnConnectionFailure(true)
                .authenticator(replay)
                .build();
    }

    @Test
    void aCallersClientThatFollowsUpStillSendsACreateOnce() {
        OkHttpClient http = eager();
        server.enqueue(new MockResponse.Builder()
                .code(307)
                .setHeader("Location", server.url("/again"))
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("WWW-Authenticate", "Bearer")
                .build());
        server.enqueue(new MockResponse.Builder().code(408).build());
        for (int i = 0; i < 3; i++) {
            server.enqueue(MockAnswers.json(200, ATLAN_CREATED));
        }
        try (AtlanClient c = atlan(http)) {
            assertThat(catchThrowableOfType(
                                    ApiException.class, () -> c.apiTokens().create("n", "", Set.of(), null))
                            .statusCode())
                    .isEqualTo(307);
            assertThatThrownBy(() -> c.apiTokens().create("n", "", Set.of(), null))
                    .isInstanceOf(AuthenticationException.class);
            assertThat(catchThrowableOfType(
                                    ApiException.class, () -> c.apiTokens().create("n", "", Set.of(), null))
                            .statusCode())
                    .isEqualTo(408);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(http.dispatcher().executorService().isShutdown())
                .as("the caller's client stays theirs")
                .isFalse();
    }

    @Test
    void aRetryAfterBeyondIntIsTheServersDelayNotAnEscapedNumberFormatException() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "99999999999")
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "99999999999")
                .build());
        try (AtlanClient c = atlan(null)) {
            assertThatThrownBy(() -> c.apiTokens().create("n", "", Set.of(), null))
                    .isInstanceOf(ServerException.class)
                    .hasMessageContaining("99999999999 s");
            RateLimitedException e = catchThrowableOfType(
                    RateLimitedException.class, () -> c.apiTokens().list(0, 1));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(99_999_999_999L));
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aClosedClientSendsNothingAndSaysSo() {
        AtlanClient a = atlan(null);
        AlationClient al = AlationClient.builder()
                .baseUrl(server.url("/").toString())
                .refreshToken(RT, 17)
                .build();
        DataHubClient d = datahub();
        a.close();
        al.close();
        d.close();
        assertThatThrownBy(() -> a.apiTokens().list(0, 10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.apiTokens().create("n", "", Set.of(), null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.apiTokens().purge("g")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> al.refreshTokens().validate(RT, 17)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> al.accessTokens().create(RT, 17)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(al::currentAccessToken).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(al::authInterceptor).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.accessTokens().list(0, 10, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.accessTokens().revoke("id")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::actorUrn).isInstanceOf(IllegalStateException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void toStringNamesOnlyTheBaseUrl() {
        String base = "https://catalog.example.com/prefix/";
        try (AtlanClient a = AtlanClient.builder()
                        .baseUrl(base)
                        .apiKey(Secret.of("key-1"))
                        .build();
                AlationClient al = AlationClient.builder().baseUrl(base).build();
                DataHubClient d = DataHubClient.builder()
                        .baseUrl(base)
                        .token(Secret.of("tok-1"))
                        .build()) {
            for (Object c : new Object[] {a, al, d}) {
                assertThat(c.toString())
                        .contains("https://catalog.example.com/prefix/")
                        .doesNotContain("key-1")
                        .doesNotContain("tok-1");
            }
        }
        // A base URL with user:password@ or a credential in its query is refused, and not echoed.
        for (String bad : new String[] {
            "https://user:pa55word@catalog.example.com/prefix/", "https://catalog.example.com/?token=pa55word"
        }) {
            assertThatThrownBy(() -> AtlanClient.builder()
                            .baseUrl(bad)
                            .apiKey(Secret.of("key-1"))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("pa55word");
            assertThatThrownBy(() -> AlationClient.builder().baseUrl(bad).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("pa55word");
            assertThatThrownBy(() -> DataHubClient.builder()
                            .baseUrl(bad)
                            .token(Secret.of("tok-1"))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("pa55word");
        }
    }

    @Test
    void aKeyThatCannotGoInAHeaderIsABadArgumentNamedNotQuoted() {
        assertThatThrownBy(() -> AtlanClient.builder()
                        .baseUrl("https://catalog.example.com")
                        .apiKey(Secret.of("key\nsecond-half"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey")
                .hasMessageNotContaining("second-half");
        assertThatThrownBy(() -> DataHubClient.builder()
                        .baseUrl("https://catalog.example.com")
                        .token(Secret.of("tok\rsecond-half"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
    }

    @Test
    void aTransportFailureAfterSendingIsNotRepeatedForACreate() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Length", "-5")
                .build());
        try (AlationClient c = alation()) {
            TransportException e = catchThrowableOfType(
                    TransportException.class, () -> c.accessTokens().create(RT, 17));
            assertThat(e).isNotNull();
            assertThat(e.mayHaveReachedServer()).isTrue();
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- limits and 404 on a replay

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    AtlanClient.Builder atlanBuilder() {
        return AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of("k"))
                .sleeper(sleeps::add);
    }

    static final String EMPTY_LIST = "{\"totalRecord\": 0, \"filterRecord\": 0, \"records\": []}";

    @Test
    void theCallTimeoutBoundsRetriesAndTheWaitsBetweenThem() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(503)
                    .setHeader("Retry-After", "5")
                    .build());
        }
        try (AtlanClient c = atlanBuilder().callTimeout(Duration.ofSeconds(1)).build()) {
            assertThatThrownBy(() -> c.apiTokens().list(0, 10)).isInstanceOf(ServerException.class);
        }
        assertThat(sleeps).as("no 5 s wait fits in a 1 s call").isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void maxRetryAfterIsHeldAgainstTheServersDelayOnly() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(MockAnswers.json(200, EMPTY_LIST));
        try (AtlanClient c = atlanBuilder()
                .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .maxRetryAfter(Duration.ZERO)
                .build()) {
            assertThat(c.apiTokens().list(0, 10).getItems()).isEmpty();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void maxRetriesOfIntegerMaxValueRetries() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(MockAnswers.json(200, EMPTY_LIST));
        try (AtlanClient c = atlanBuilder().maxRetries(Integer.MAX_VALUE).build()) {
            assertThat(c.apiTokens().list(0, 10).getItems()).isEmpty();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void hugeDurationsAreRefusedNamingTheSetting() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
        assertThatThrownBy(() -> atlanBuilder().callTimeout(huge).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callTimeout");
        assertThatThrownBy(
                        () -> atlanBuilder().readTimeout(Duration.ofDays(365)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readTimeout");
        assertThatThrownBy(() ->
                        atlanBuilder().retryBackoff(Duration.ofDays(30), huge).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryBackoff");
    }

    @Test
    void purgeOfAGuidThatNeverExistedIsNotFoundAfterA503() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(MockAnswers.json(404, "{\"errorCode\": \"ATLAS-404-00-005\"}"));
        try (AtlanClient c = atlanBuilder().build()) {
            assertThatThrownBy(() -> c.apiTokens().purge("never-existed")).isInstanceOf(NotFoundException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void purgeOfAGuidThatNeverExistedIsNotFoundAfterAConnectionThatFailedBeforeSending() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MockWebServer late = new MockWebServer();
        late.enqueue(MockAnswers.json(404, "{\"errorCode\": \"ATLAS-404-00-005\"}"));
        try (late;
                AtlanClient c = AtlanClient.builder()
                        .baseUrl("http://127.0.0.1:" + port + "/")
                        .apiKey(Secret.of("k"))
                        .sleeper(d -> {
                            try {
                                late.start(InetAddress.getLoopbackAddress(), port);
                            } catch (java.io.IOException e) {
                                throw new AssertionError(e);
                            }
                        })
                        .build()) {
            assertThatThrownBy(() -> c.apiTokens().purge("never-existed")).isInstanceOf(NotFoundException.class);
            assertThat(late.getRequestCount()).isEqualTo(1);
        }
    }
}
