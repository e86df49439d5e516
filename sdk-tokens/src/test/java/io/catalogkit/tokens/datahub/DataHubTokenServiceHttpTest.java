package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import io.catalogkit.core.internal.Json;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.MockAnswers;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.datahub.internal.DataHubApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each operation's request (query + variables) and answer mapping, and every error shape, on the wire. */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class DataHubTokenServiceHttpTest {
    static final Instant NOW = Instant.parse("2024-11-23T00:00:00Z"); // 1732320000000
    static final String ID = "3EkODYg7Kq5nl+L8JbQEOgzxt2SdgCoOqLRQaSZ/m3c=";
    static final String NEW_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJhY3RvcklkIjoiamRvZSJ9.bmV3LXRva2VuLXNpZ25hdHVyZQ";
    static final String METADATA = "{\"id\": \"" + ID + "\", \"urn\": \"urn:li:dataHubAccessToken:" + ID + "\","
            + " \"actorUrn\": \"urn:li:corpuser:jdoe\", \"ownerUrn\": \"urn:li:corpuser:jdoe\", \"name\": \"catalogkit-ci\","
            + " \"description\": \"nightly ingestion\", \"createdAt\": 1732320000000, \"expiresAt\": 1734912000000}";
    static final String UNAUTHORIZED =
            "{\"errors\": [{\"message\": \"Unauthorized to perform this action. Please contact"
                    + " your DataHub administrator.\", \"locations\": [{\"line\": 2, \"column\": 3}], \"path\": [\"%s\"],"
                    + " \"extensions\": {\"code\": 403, \"type\": \"UNAUTHORIZED\", \"classification\": \"DataFetchingException\"}}],"
                    + " \"data\": null, \"extensions\": {}}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeClock clock = new FakeClock(NOW);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final Secret clientToken =
            TestSupport.jwt("jdoe", NOW.plus(Duration.ofDays(30)).getEpochSecond());
    DataHubClient client;

    DataHubTokenService tokens() {
        return tokens(clientToken);
    }

    DataHubTokenService tokens(Secret token) {
        if (client != null) {
            client.close();
        }
        client = DataHubClient.builder()
                .baseUrl(server.url("/").toString())
                .token(token)
                .clock(clock)
                .sleeper(sleeps::add)
                .build();
        return client.accessTokens();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    void answer(int status, String json) {
        server.enqueue(MockAnswers.json(status, json));
    }

    void answer(String json) {
        answer(200, json);
    }

    JsonNode sent() throws Exception {
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/graphql");
        assertThat(r.getUrl().query()).isNull();
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + clientToken.reveal());
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(r.getHeaders().get("X-DataHub-Actor")).isNull();
        return Json.MAPPER.readTree(r.getBody().utf8());
    }

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    // ---- create ----

    @Test
    void createSendsTheDocumentWithVariablesAndMapsTheAnswer() throws Exception {
        answer("{\"data\": {\"createAccessToken\": {\"accessToken\": \"" + NEW_JWT + "\", \"metadata\": " + METADATA
                + "}}, \"extensions\": {}}");
        AccessToken t = tokens().create(
                        "urn:li:corpuser:jdoe", AccessTokenDuration.ONE_MONTH, "catalogkit-ci", "nightly ingestion");

        assertThat(sent())
                .isEqualTo(json("{\"query\": " + Json.MAPPER.writeValueAsString(DataHubApi.CREATE) + ","
                        + " \"variables\": {\"input\": {\"type\": \"PERSONAL\", \"actorUrn\": \"urn:li:corpuser:jdoe\","
                        + " \"duration\": \"ONE_MONTH\", \"name\": \"catalogkit-ci\", \"description\": \"nightly ingestion\"}},"
                        + " \"operationName\": \"createAccessToken\"}"));
        assertThat(t.getId()).contains(ID);
        assertThat(t.getSecret().map(Secret::reveal)).contains(NEW_JWT);
        assertThat(t.getName()).contains("catalogkit-ci");
        assertThat(t.getDescription()).contains("nightly ingestion");
        assertThat(t.getOwner()).contains("urn:li:corpuser:jdoe");
        assertThat(t.getActor()).contains("urn:li:corpuser:jdoe");
        assertThat(t.getCreatedAt()).contains(Instant.ofEpochMilli(1732320000000L));
        assertThat(t.getExpiresAt()).contains(Instant.ofEpochMilli(1734912000000L));
        assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void createLeavesOutANullDescription() throws Exception {
        answer("{\"data\": {\"createAccessToken\": {\"accessToken\": \"" + NEW_JWT + "\", \"metadata\": " + METADATA
                + "}}}");
        tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.NO_EXPIRY, "n", null);
        JsonNode input = sent().path("variables").path("input");
        assertThat(input.has("description")).isFalse();
        assertThat(input.path("duration").asText()).isEqualTo("NO_EXPIRY");
    }

    @Test
    void createKeepsATokenWhoseMetadataIsMissingAndWarnsWithoutTheSecret() {
        answer("{\"data\": {\"createAccessToken\": {\"accessToken\": \"" + NEW_JWT + "\", \"metadata\": null}}}");
        TestSupport.Captured<AccessToken> c = TestSupport.captureStdErr(
                () -> tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", "d"));
        AccessToken t = c.value();
        assertThat(t.getSecret().map(Secret::reveal)).contains(NEW_JWT);
        assertThat(t.getId()).isEmpty();
        assertThat(t.getName()).contains("n");
        assertThat(t.getActor()).contains("urn:li:corpuser:jdoe");
        assertThat(c.log()).contains("WARN").contains("without its metadata").doesNotContain(NEW_JWT);
    }

    @Test
    void createKeepsATokenWhoseMetadataDoesNotFitOrCameWithErrors() {
        answer("{\"data\": {\"createAccessToken\": {\"accessToken\": \"" + NEW_JWT
                + "\", \"metadata\": {\"id\": \"x\", \"createdAt\": \"yesterday\"}}}}");
        TestSupport.Captured<AccessToken> odd = TestSupport.captureStdErr(
                () -> tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", "d"));
        assertThat(odd.value().getSecret()).isPresent();
        assertThat(odd.value().getId()).isEmpty();
        assertThat(odd.log()).contains("did not fit").doesNotContain(NEW_JWT);

        answer("{\"errors\": [{\"message\": \"partial\", \"extensions\": {\"code\": 500, \"type\": \"SERVER_ERROR\"}}],"
                + " \"data\": {\"createAccessToken\": {\"accessToken\": \"" + NEW_JWT + "\", \"metadata\": " + METADATA
                + "}}}");
        TestSupport.Captured<AccessToken> partial = TestSupport.captureStdErr(
                () -> tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", "d"));
        assertThat(partial.value().getId()).contains(ID);
        assertThat(partial.log()).contains("errors along with the new token");
    }

    @Test
    void createFailuresAreMappedAndNeverRetried() {
        answer(String.format(
                UNAUTHORIZED.replace("\"data\": null", "\"data\": {\"createAccessToken\": null}"),
                "createAccessToken"));
        PermissionDeniedException denied = catchThrowableOfType(
                PermissionDeniedException.class,
                () -> tokens().create("urn:li:corpuser:alice", AccessTokenDuration.ONE_DAY, "n", null));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.errorCode()).contains("UNAUTHORIZED");
        assertThat(denied.getMessage())
                .contains("Generate Personal Access Tokens")
                .contains("Manage All Access Tokens")
                .contains("path createAccessToken");

        answer("{\"data\": {\"createAccessToken\": null}}");
        assertThatThrownBy(() -> tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", null))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("accessToken");

        server.enqueue(new MockResponse.Builder().code(503).build());
        assertThatThrownBy(() -> tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", null))
                .isInstanceOf(ServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void createThatMayHaveReachedTheServerIsNotRepeated() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        TransportException e = catchThrowableOfType(
                TransportException.class,
                () -> tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", null));
        assertThat(e.mayHaveReachedServer()).isTrue();
        assertThat(e.getMessage()).contains("list the tokens");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void createRefusesBadArgumentsBeforeSending() {
        DataHubTokenService t = tokens();
        assertThatThrownBy(() -> t.create(null, AccessTokenDuration.ONE_DAY, "n", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("actorUrn");
        assertThatThrownBy(() -> t.create("urn:li:corpuser:jdoe", (AccessTokenDuration) null, "n", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> t.create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, " ", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- list ----

    @Test
    void listSendsTheOwnerFilterWithValuesAndMapsTheAnswer() throws Exception {
        answer("{\"data\": {\"listAccessTokens\": {\"start\": 0, \"count\": 20, \"total\": 2, \"tokens\": [" + METADATA
                + ", {\"id\": \"eQbiR37aN3JD443WeLC9ckSxuznQdbDGErnMoNYfISU=\", \"urn\":"
                + " \"urn:li:dataHubAccessToken:eQbiR37aN3JD443WeLC9ckSxuznQdbDGErnMoNYfISU=\", \"actorUrn\":"
                + " \"urn:li:corpuser:jdoe\", \"ownerUrn\": \"urn:li:corpuser:jdoe\", \"name\": \"laptop\","
                + " \"description\": null, \"createdAt\": 1730000000000, \"expiresAt\": null}]}}, \"extensions\": {}}");
        Page<AccessToken> page = tokens().list(0, 20, "urn:li:corpuser:jdoe");

        assertThat(sent())
                .isEqualTo(json("{\"query\": " + Json.MAPPER.writeValueAsString(DataHubApi.LIST) + ", \"variables\":"
                        + " {\"input\": {\"start\": 0, \"count\": 20, \"filters\": [{\"field\": \"ownerUrn\", \"values\":"
                        + " [\"urn:li:corpuser:jdoe\"]}]}}, \"operationName\": \"listAccessTokens\"}"));
        assertThat(page.getTotal()).isEqualTo(2);
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.getItems())
                .extracting(t -> t.getName().orElseThrow())
                .containsExactly("catalogkit-ci", "laptop");
        AccessToken laptop = page.getItems().get(1);
        assertThat(laptop.getDescription()).isEmpty();
        assertThat(laptop.getExpiresAt()).isEmpty();
        assertThat(laptop.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(laptop.getSecret()).isEmpty();
        assertThat(laptop.getCreatedAt()).contains(Instant.ofEpochMilli(1730000000000L));
    }

    @Test
    void anAdminListingEveryoneSendsNoFilters() throws Exception {
        answer("{\"data\": {\"listAccessTokens\": {\"start\": 0, \"count\": 20, \"total\": 0, \"tokens\": []}}}");
        assertThat(tokens().list(0, 20, null).getItems()).isEmpty();
        assertThat(sent().path("variables")).isEqualTo(json("{\"input\": {\"start\": 0, \"count\": 20}}"));
    }

    @Test
    void listPagesLazilyByStartAndCountUsingTotal() throws Exception {
        for (int start = 0; start < 5; start += 2) {
            List<String> items = new ArrayList<>();
            for (int i = start; i < Math.min(5, start + 2); i++) {
                items.add(
                        "{\"id\": \"id-" + i + "\", \"name\": \"t" + i + "\", \"createdAt\": 1, \"expiresAt\": null}");
            }
            // count echoes the page size asked for, not the number returned
            answer("{\"data\": {\"listAccessTokens\": {\"start\": " + start
                    + ", \"count\": 2, \"total\": 5, \"tokens\": [" + String.join(",", items) + "]}}}");
        }
        Page<AccessToken> first = tokens().list(0, 2, "urn:li:corpuser:jdoe");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(first.hasNextPage()).isTrue();
        List<String> ids = first.autoPager().map(t -> t.getId().orElseThrow()).collect(Collectors.toList());
        assertThat(ids).containsExactly("id-0", "id-1", "id-2", "id-3", "id-4");
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode input = sent().path("variables").path("input");
            starts.add(input.path("start").asInt());
            assertThat(input.path("count").asInt()).isEqualTo(2);
            assertThat(input.path("filters").path(0).path("values").path(0).asText())
                    .isEqualTo("urn:li:corpuser:jdoe");
        }
        assertThat(starts).containsExactly(0, 2, 4);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void listStopsOnAnEmptyPageEvenIfTheTotalSaysMore() {
        answer("{\"data\": {\"listAccessTokens\": {\"start\": 40, \"count\": 20, \"total\": 99, \"tokens\": []}}}");
        Page<AccessToken> page = tokens().list(40, 20, null);
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.getTotal()).isEqualTo(99);
    }

    @Test
    void listIsRetriedOnOverloadBecauseItIsARead() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        answer("{\"data\": {\"listAccessTokens\": {\"start\": 0, \"count\": 20, \"total\": 0, \"tokens\": []}}}");
        assertThat(tokens().list(0, 20, null).getTotal()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void aNonAdminListingEveryoneIsToldToPassTheirOwnUrn() {
        answer(String.format(UNAUTHORIZED, "listAccessTokens"));
        PermissionDeniedException e =
                catchThrowableOfType(PermissionDeniedException.class, () -> tokens().list(0, 20, null));
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.errorCode()).contains("UNAUTHORIZED");
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.path()).isEqualTo("/api/graphql");
        assertThat(e.getMessage())
                .contains("Unauthorized to perform this action")
                .contains("path listAccessTokens")
                .contains("Manage All Access Tokens")
                .contains("list(0, 20, \"urn:li:corpuser:jdoe\")");

        answer(String.format(UNAUTHORIZED, "listAccessTokens"));
        assertThatThrownBy(() -> tokens().list(0, 20, "urn:li:corpuser:alice"))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Generate Personal Access Tokens");
    }

    @Test
    void listRejectsAnswersWithoutTotalOrIds() {
        answer("{\"data\": {\"listAccessTokens\": {\"tokens\": []}}}");
        assertThatThrownBy(() -> tokens().list(0, 20, null))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("total");
        answer("{\"data\": {\"listAccessTokens\": {\"total\": 1, \"tokens\": [{\"name\": \"no id\"}]}}}");
        assertThatThrownBy(() -> tokens().list(0, 20, null))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("id");
        answer("{\"data\": {\"listAccessTokens\": {\"total\": \"many\", \"tokens\": []}}}");
        assertThatThrownBy(() -> tokens().list(0, 20, null)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void listRefusesBadArgumentsBeforeSending() {
        DataHubTokenService t = tokens();
        assertThatThrownBy(() -> t.list(-1, 20, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start");
        assertThatThrownBy(() -> t.list(0, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
        assertThatThrownBy(() -> t.list(0, 20, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ownerUrn");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- revoke ----

    @Test
    void revokeSendsTheIdInVariablesAndReturnsTrue() throws Exception {
        answer("{\"data\": {\"revokeAccessToken\": true}, \"extensions\": {}}");
        assertThat(tokens().revoke(ID)).isTrue();
        assertThat(sent())
                .isEqualTo(json("{\"query\": " + Json.MAPPER.writeValueAsString(DataHubApi.REVOKE) + ", \"variables\":"
                        + " {\"tokenId\": \"" + ID + "\"}, \"operationName\": \"revokeAccessToken\"}"));
    }

    @Test
    void revokeReturnsFalseOnlyWhenTheServerSaysTheTokenNoLongerExists() {
        answer(
                "{\"errors\": [{\"message\": \"Failed to revoke access token. Root cause: Access token no longer exists\","
                        + " \"locations\": [{\"line\": 1, \"column\": 49}], \"path\": [\"revokeAccessToken\"], \"extensions\":"
                        + " {\"code\": 500, \"type\": \"SERVER_ERROR\", \"classification\": \"DataFetchingException\"}}],"
                        + " \"data\": null, \"extensions\": {}}");
        assertThat(tokens().revoke(ID)).isFalse();

        answer("{\"errors\": [{\"message\": \"An unknown error occurred.\", \"path\": [\"revokeAccessToken\"],"
                + " \"extensions\": {\"code\": 500, \"type\": \"SERVER_ERROR\"}}], \"data\": null}");
        ServerException unknown = catchThrowableOfType(ServerException.class, () -> tokens().revoke(ID));
        assertThat(unknown.statusCode()).isEqualTo(500);
        assertThat(unknown.errorCode()).contains("SERVER_ERROR");

        answer(String.format(UNAUTHORIZED, "revokeAccessToken"));
        assertThatThrownBy(() -> tokens().revoke(ID))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("owning the token");

        answer("{\"data\": {\"revokeAccessToken\": false}}");
        assertThat(tokens().revoke(ID)).isFalse();

        answer("{\"data\": {\"revokeAccessToken\": \"yes\"}}");
        assertThatThrownBy(() -> tokens().revoke(ID)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void revokeRefusesATokenValueAndIsNeverReplayed() {
        DataHubTokenService t = tokens();
        assertThatThrownBy(() -> t.revoke(NEW_JWT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("getId()")
                .hasMessageNotContaining(NEW_JWT);
        assertThatThrownBy(() -> t.revoke(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> t.revoke("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();

        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        TransportException e = catchThrowableOfType(TransportException.class, () -> t.revoke(ID));
        assertThat(e.mayHaveReachedServer()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(new MockResponse.Builder().code(502).build());
        assertThatThrownBy(() -> t.revoke(ID)).isInstanceOf(ServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    // ---- getMetadata ----

    @Test
    void getMetadataSendsTheTokenInVariablesAndMapsTheAnswer() throws Exception {
        answer("{\"data\": {\"getAccessTokenMetadata\": " + METADATA + "}, \"extensions\": {}}");
        AccessToken t = tokens().getMetadata(Secret.of(NEW_JWT));
        assertThat(sent())
                .isEqualTo(json("{\"query\": " + Json.MAPPER.writeValueAsString(DataHubApi.GET_METADATA) + ","
                        + " \"variables\": {\"token\": \"" + NEW_JWT
                        + "\"}, \"operationName\": \"getAccessTokenMetadata\"}"));
        assertThat(t.getId()).contains(ID);
        assertThat(t.getSecret()).isEmpty();
        assertThat(t.getActor()).contains("urn:li:corpuser:jdoe");
        assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void aTokenIsExpiredOnceItsExpiryIsNotInTheFuture() {
        for (int i = 0; i < 2; i++) {
            answer("{\"data\": {\"getAccessTokenMetadata\": " + METADATA + "}}");
        }
        DataHubTokenService t = tokens();
        clock.set(Instant.ofEpochMilli(1734912000000L - 1));
        assertThat(t.getMetadata(Secret.of(NEW_JWT)).getStatus()).isEqualTo(TokenStatus.ACTIVE);
        clock.set(Instant.ofEpochMilli(1734912000000L));
        assertThat(t.getMetadata(Secret.of(NEW_JWT)).getStatus()).isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void getMetadataOfAnUnknownTokenIsNotFound() {
        answer("{\"errors\": [{\"message\": \"The field at path '/getAccessTokenMetadata' was declared as a non null"
                + " type, but the code involved in retrieving data has wrongly returned a null value.\", \"path\":"
                + " [\"getAccessTokenMetadata\"], \"extensions\": {\"classification\": \"NullValueInNonNullableField\"}}],"
                + " \"data\": null}");
        NotFoundException e =
                catchThrowableOfType(NotFoundException.class, () -> tokens().getMetadata(Secret.of(NEW_JWT)));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.errorCode()).contains("NullValueInNonNullableField");
        assertThat(e.getMessage()).contains("revoked, or expired").doesNotContain(NEW_JWT);

        answer(String.format(UNAUTHORIZED, "getAccessTokenMetadata"));
        assertThatThrownBy(() -> tokens().getMetadata(Secret.of(NEW_JWT)))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Manage All Access Tokens");

        answer("{\"data\": {\"getAccessTokenMetadata\": null}}");
        assertThatThrownBy(() -> tokens().getMetadata(Secret.of(NEW_JWT)))
                .isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> tokens().getMetadata(null)).isInstanceOf(NullPointerException.class);
    }

    // ---- error shapes common to all operations ----

    @ParameterizedTest
    @CsvSource({
        "400, BAD_REQUEST, io.catalogkit.core.ApiException",
        "404, NOT_FOUND, io.catalogkit.core.NotFoundException",
        "409, CONFLICT, io.catalogkit.core.ConflictException",
        "500, SERVER_ERROR, io.catalogkit.core.ServerException",
        "503, SERVICE_UNAVAILABLE, io.catalogkit.core.ServerException",
        "504, DEADLINE_EXCEEDED, io.catalogkit.core.ServerException",
        "401, UNAUTHENTICATED, io.catalogkit.core.AuthenticationException",
        "418, TEAPOT, io.catalogkit.core.ApiException"
    })
    void graphQlErrorsMapByExtensionsCode(int code, String type, Class<?> expected) {
        answer(
                "{\"errors\": [{\"message\": \"went wrong\", \"path\": [\"listAccessTokens\"], \"extensions\": {\"code\": "
                        + code + ", \"type\": \"" + type
                        + "\", \"classification\": \"DataFetchingException\"}}], \"data\": null}");
        ApiException e = catchThrowableOfType(ApiException.class, () -> tokens().list(0, 20, null));
        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e.statusCode()).isEqualTo(code);
        assertThat(e.errorCode()).contains(type);
        assertThat(e.getMessage()).contains("went wrong").contains("path listAccessTokens");
        assertThat(e.requestId()).isPresent();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aValidationErrorHintsThatTheServersSchemaDiffers() {
        answer("{\"errors\": [{\"message\": \"Validation error (WrongType@[createAccessToken]) : argument 'input.type'"
                + " with value 'EnumValue{name='PERSONAL'}' is not a valid 'AccessTokenType'\", \"locations\": [{\"line\":"
                + " 2, \"column\": 3}], \"extensions\": {\"classification\": \"ValidationError\"}}]}");
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", null));
        assertThat(e).isExactlyInstanceOf(ApiException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.errorCode()).contains("ValidationError");
        assertThat(e.getMessage()).contains("schema differs").contains("WrongType");
    }

    @Test
    void errorsWithoutCodesOrInOtherShapesStillMap() {
        answer("{\"errors\": [{\"message\": \"boom\", \"extensions\": {\"classification\": \"DataFetchingException\"}},"
                + " {\"message\": \"second\"}], \"data\": null}");
        ServerException failed = catchThrowableOfType(ServerException.class, () -> tokens().list(0, 20, null));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.getMessage()).contains("boom").contains("and 1 more error");

        answer("{\"errors\": [{\"message\": \"nf\", \"extensions\": {\"code\": \"404\", \"type\": \"NOT_FOUND\"}}]}");
        assertThatThrownBy(() -> tokens().list(0, 20, null)).isInstanceOf(NotFoundException.class);

        answer("{\"errors\": [\"plain text error\"]}");
        ApiException plain = catchThrowableOfType(ApiException.class, () -> tokens().list(0, 20, null));
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.getMessage()).contains("plain text error");

        // a null in the list is the index catching up: repeated, and raised once the retries run out
        for (int i = 0; i < 3; i++) {
            answer("{\"errors\": [{\"path\": [\"listAccessTokens\", 0, \"name\"],"
                    + " \"classification\": \"NullValueInNonNullableField\"}], \"data\": null}");
        }
        ServerException nullInList = catchThrowableOfType(ServerException.class, () -> tokens().list(0, 20, null));
        assertThat(nullInList.errorCode()).contains("NullValueInNonNullableField");
        assertThat(nullInList.getMessage()).contains("path listAccessTokens.0.name");
    }

    @Test
    void twoHundredWithoutDataOrErrorsIsMalformed() {
        answer("{\"data\": null, \"extensions\": {}}");
        assertThatThrownBy(() -> tokens().list(0, 20, null))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("data or errors");
        answer("{}");
        assertThatThrownBy(() -> tokens().revoke(ID)).isInstanceOf(MalformedResponseException.class);
        answer("[]");
        assertThatThrownBy(() -> tokens().list(0, 20, null)).isInstanceOf(MalformedResponseException.class);
        answer("");
        assertThatThrownBy(() -> tokens().list(0, 20, null)).isInstanceOf(MalformedResponseException.class);
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html")
                .body("<html>login</html>")
                .build());
        assertThatThrownBy(() -> tokens().list(0, 20, null))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("HTML");
    }

    @Test
    void http400And405AreApiExceptions() {
        server.enqueue(new MockResponse.Builder().code(400).build());
        ApiException bad = catchThrowableOfType(ApiException.class, () -> tokens().list(0, 20, null));
        assertThat(bad).isExactlyInstanceOf(ApiException.class);
        assertThat(bad.statusCode()).isEqualTo(400);
        server.enqueue(new MockResponse.Builder().code(405).build());
        assertThat(catchThrowableOfType(ApiException.class, () -> tokens().list(0, 20, null))
                        .statusCode())
                .isEqualTo(405);
    }

    // ---- 401: say why ----

    void answer401() {
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "text/html;charset=iso-8859-1")
                .body("<html><body><h2>HTTP ERROR 401 Unauthorized to perform this action.</h2></body></html>")
                .build());
    }

    @Test
    void http401SaysWhenTheClientsTokenExpired() {
        answer401();
        Secret expired = TestSupport.jwt("jdoe", NOW.minus(Duration.ofHours(1)).getEpochSecond());
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> tokens(expired).list(0, 20, null));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.getMessage()).contains("expired at 2024-11-22T23:00:00Z").doesNotContain(expired.reveal());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void http401ForAnUnexpiredTokenSaysInvalidOrRevoked() {
        answer401();
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class,
                () -> tokens().create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_DAY, "n", null));
        assertThat(e.getMessage()).contains("invalid or revoked").contains("expires at 2024-12-23T00:00:00Z");

        answer401();
        AuthenticationException never = catchThrowableOfType(
                AuthenticationException.class,
                () -> tokens(TestSupport.jwt("jdoe", null)).revoke(ID));
        assertThat(never.getMessage()).contains("invalid or revoked").contains("never expires");

        answer401();
        AuthenticationException notJwt = catchThrowableOfType(
                AuthenticationException.class,
                () -> tokens(Secret.of("plain-api-key")).getMetadata(Secret.of(NEW_JWT)));
        assertThat(notJwt.getMessage()).contains("not a JWT").doesNotContain("plain-api-key");
    }
}
