package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.MockAnswers;
import io.catalogkit.tokens.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DataHub's answers as its server code gives them: crashes on missing tokens, a lagging index, a failed create. */
class DataHubAnswersHttpTest {
    static final Instant NOW = Instant.parse("2024-11-23T00:00:00Z");
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJhY3RvcklkIjoiamRvZSJ9.dW5rbm93bi10b2tlbi1zaWc";
    static final String NPE = "{\"errors\": [{\"message\": \"java.lang.NullPointerException: Cannot invoke"
            + " \\\"com.linkedin.access.token.DataHubAccessTokenInfo.getActorUrn()\\\" because \\\"info\\\" is null\","
            + " \"path\": [\"getAccessTokenMetadata\"], \"extensions\": {\"code\": 500, \"type\": \"SERVER_ERROR\","
            + " \"classification\": \"DataFetchingException\"}}], \"data\": null}";
    static final String CATCHING_UP = "{\"errors\": [{\"message\": \"The field at path '/listAccessTokens/tokens[0]/id'"
            + " was declared as a non null type, but the code involved in retrieving data has wrongly returned a null"
            + " value.\", \"path\": [\"listAccessTokens\", \"tokens\", 0, \"id\"], \"extensions\": {\"classification\":"
            + " \"NullValueInNonNullableField\"}}], \"data\": null}";
    static final String EMPTY_LIST =
            "{\"data\": {\"listAccessTokens\": {\"start\": 0, \"count\": 10, \"total\": 0, \"tokens\": []}}}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    DataHubClient client;

    @BeforeEach
    void open() {
        client = DataHubClient.builder()
                .baseUrl(server.url("/").toString())
                .token(TestSupport.jwt("datahub", NOW.plus(Duration.ofDays(30)).getEpochSecond()))
                .clock(new FakeClock(NOW))
                .sleeper(sleeps::add)
                .build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    void answer(int status, String json) {
        server.enqueue(MockAnswers.json(status, json));
    }

    @Test
    void revokingARealLengthTokenValueSaysItIsATokenNotAnId() {
        // a DataHub personal access token as a server issues it: a JWT of 287 characters
        String header = "eyJhbGciOiJIUzI1NiJ9";
        String signature = "x".repeat(43);
        String claims = "eyJ" + "a".repeat(287 - header.length() - signature.length() - 2 - 3);
        String token = header + "." + claims + "." + signature;
        assertThat(token).hasSize(287);
        assertThatThrownBy(() -> client.accessTokens().revoke(token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looks like a token value")
                .hasMessageContaining("AccessToken.getId()")
                .hasMessageNotContaining("256")
                .hasMessageNotContaining(token);
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 500})
    void getMetadataOfATokenTheServerCrashesOnIsNotFound(int status) {
        answer(status, NPE);
        NotFoundException e = catchThrowableOfType(
                NotFoundException.class, () -> client.accessTokens().getMetadata(Secret.of(JWT)));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.getMessage()).contains("no such token").doesNotContain(JWT);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anyOtherServerErrorOfGetMetadataStaysAServerError() {
        answer(
                500,
                "{\"errors\": [{\"message\": \"An unknown error occurred.\", \"extensions\": {\"code\": 500,"
                        + " \"type\": \"SERVER_ERROR\"}}]}");
        ServerException e = catchThrowableOfType(
                ServerException.class, () -> client.accessTokens().getMetadata(Secret.of(JWT)));
        assertThat(e.getMessage()).contains("An unknown error occurred.");
        assertThat(e.errorCode()).contains("SERVER_ERROR");
    }

    @Test
    void listWhileTheIndexCatchesUpIsRepeated() {
        answer(200, CATCHING_UP);
        answer(200, EMPTY_LIST);
        Page<AccessToken> page = client.accessTokens().list(0, 10, null);
        assertThat(page.getItems()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void listStillCatchingUpAfterTheRetriesFails() {
        for (int i = 0; i < 3; i++) {
            answer(200, CATCHING_UP);
        }
        ApiException e = catchThrowableOfType(
                ApiException.class, () -> client.accessTokens().list(0, 10, null));
        assertThat(e.errorCode()).contains("NullValueInNonNullableField");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aTokenNamedLikeTheErrorIsNotRetried() {
        answer(
                200,
                "{\"data\": {\"listAccessTokens\": {\"start\": 0, \"count\": 10, \"total\": 1, \"tokens\": [{\"id\":"
                        + " \"a\", \"name\": \"NullValueInNonNullableField\"}]}}}");
        assertThat(client.accessTokens().list(0, 10, null).getItems()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 500})
    void aServerErrorOnCreateSaysTheTokenMayExistAndIsNotRepeated(int status) {
        answer(
                status,
                "{\"errors\": [{\"message\": \"An unknown error occurred.\", \"path\": [\"createAccessToken\"],"
                        + " \"extensions\": {\"code\": 500, \"type\": \"SERVER_ERROR\"}}], \"data\": {\"createAccessToken\": null}}");
        ServerException e = catchThrowableOfType(
                ServerException.class,
                () -> client.accessTokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "ci", null));
        assertThat(e.getMessage()).contains("may have been created", "list the tokens");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
