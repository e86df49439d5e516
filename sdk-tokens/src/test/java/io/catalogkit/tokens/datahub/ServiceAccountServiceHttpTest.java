package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.MockAnswers;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.datahub.internal.DataHubApi;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Service accounts on the wire: each document with its variables, the answers, an older server's refusals. */
class ServiceAccountServiceHttpTest {
    static final Instant NOW = Instant.parse("2024-11-23T00:00:00Z");
    static final String SA = "urn:li:corpuser:service_ingestion";
    static final String ACCOUNT = "{\"urn\": \"" + SA + "\", \"name\": \"service_ingestion\", \"displayName\":"
            + " \"Ingestion\", \"description\": \"nightly\", \"createdBy\": \"urn:li:corpuser:datahub\","
            + " \"createdAt\": 1732320000000}";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJhY3RvcklkIjoic2EifQ.c2VydmljZS1hY2NvdW50LXNpZw";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final Secret clientToken =
            TestSupport.jwt("datahub", NOW.plus(Duration.ofDays(30)).getEpochSecond());
    DataHubClient client;
    ServiceAccountService accounts;

    @BeforeEach
    void open() {
        client = DataHubClient.builder()
                .baseUrl(server.url("/").toString())
                .token(clientToken)
                .clock(new FakeClock(NOW))
                .sleeper(d -> {})
                .build();
        accounts = client.serviceAccounts();
    }

    @AfterEach
    void close() {
        client.close();
    }

    void answer(int status, String json) {
        server.enqueue(MockAnswers.json(status, json));
    }

    JsonNode sent() throws Exception {
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/graphql");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + clientToken.reveal());
        return Json.MAPPER.readTree(r.getBody().utf8());
    }

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    static String quoted(String s) throws Exception {
        return Json.MAPPER.writeValueAsString(s);
    }

    @Test
    void createSendsItsInputAndMapsTheAccount() throws Exception {
        answer(200, "{\"data\": {\"createServiceAccount\": " + ACCOUNT + "}}");
        ServiceAccount a = accounts.create("Ingestion", null);
        assertThat(sent())
                .isEqualTo(
                        json(
                                "{\"query\": " + quoted(DataHubApi.CREATE_SERVICE_ACCOUNT) + ", \"variables\":"
                                        + " {\"input\": {\"displayName\": \"Ingestion\"}}, \"operationName\": \"createServiceAccount\"}"));
        assertThat(a.getUrn()).isEqualTo(SA);
        assertThat(a.getName()).isEqualTo("service_ingestion");
        assertThat(a.getDisplayName()).contains("Ingestion");
        assertThat(a.getDescription()).contains("nightly");
        assertThat(a.getCreatedBy()).contains("urn:li:corpuser:datahub");
        assertThat(a.getCreatedAt()).contains(NOW);
        assertThat(a.toBuilder().description(null).build().getDescription()).isEmpty();
    }

    @Test
    void listSendsQueryAndPagesOnTotal() throws Exception {
        answer(
                200,
                "{\"data\": {\"listServiceAccounts\": {\"start\": 0, \"count\": 1, \"total\": 2, \"serviceAccounts\": ["
                        + ACCOUNT + "]}}}");
        answer(
                200,
                "{\"data\": {\"listServiceAccounts\": {\"start\": 1, \"count\": 1, \"total\": 2, \"serviceAccounts\":"
                        + " [{\"urn\": \"urn:li:corpuser:service_b\", \"name\": \"service_b\", \"createdAt\": null}]}}}");
        Page<ServiceAccount> page = accounts.list(0, 1, "ing");
        assertThat(page.autoPager().map(ServiceAccount::getName)).containsExactly("service_ingestion", "service_b");
        assertThat(sent().get("variables"))
                .isEqualTo(json("{\"input\": {\"start\": 0, \"count\": 1, \"query\": \"ing\"}}"));
        JsonNode second = sent();
        assertThat(second.get("query").asText()).isEqualTo(DataHubApi.LIST_SERVICE_ACCOUNTS);
        assertThat(second.get("variables"))
                .isEqualTo(json("{\"input\": {\"start\": 1, \"count\": 1, \"query\": \"ing\"}}"));
    }

    @Test
    void getIsEmptyForNullAndDeleteReturnsTheAnswer() throws Exception {
        answer(200, "{\"data\": {\"getServiceAccount\": null}}");
        assertThat(accounts.get(SA)).isEmpty();
        assertThat(sent().get("variables")).isEqualTo(json("{\"urn\": \"" + SA + "\"}"));
        answer(200, "{\"data\": {\"getServiceAccount\": " + ACCOUNT + "}}");
        assertThat(accounts.get(SA).map(ServiceAccount::getUrn)).contains(SA);
        sent();
        answer(200, "{\"data\": {\"deleteServiceAccount\": true}}");
        assertThat(accounts.delete(SA)).isTrue();
        assertThat(sent().get("query").asText()).isEqualTo(DataHubApi.DELETE_SERVICE_ACCOUNT);
    }

    @Test
    void createTokenSendsTypeServiceAccountWithTheAccountAsActor() throws Exception {
        answer(
                200,
                "{\"data\": {\"createAccessToken\": {\"accessToken\": \"" + JWT + "\", \"metadata\": {\"id\": \"abc=\","
                        + " \"actorUrn\": \"" + SA + "\", \"ownerUrn\": \"urn:li:corpuser:datahub\", \"name\": \"ci\","
                        + " \"createdAt\": 1732320000000, \"expiresAt\": null}}}}");
        AccessToken t = accounts.createToken(SA, AccessTokenDuration.ONE_DAY, "ci", null);
        assertThat(sent().get("variables"))
                .isEqualTo(json("{\"input\": {\"type\": \"SERVICE_ACCOUNT\", \"actorUrn\": \"" + SA
                        + "\", \"duration\":" + " \"ONE_DAY\", \"name\": \"ci\"}}"));
        assertThat(t.getActor()).contains(SA);
        assertThat(t.getSecret().map(Secret::reveal)).contains(JWT);
        assertThat(t.toString()).doesNotContain(JWT);
    }

    @Test
    void listTokensFiltersOnTheActor() throws Exception {
        answer(200, "{\"data\": {\"listAccessTokens\": {\"start\": 0, \"count\": 5, \"total\": 0, \"tokens\": []}}}");
        assertThat(accounts.listTokens(SA, 0, 5).getItems()).isEmpty();
        JsonNode body = sent();
        assertThat(body.get("query").asText()).isEqualTo(DataHubApi.LIST_SERVICE_ACCOUNT_TOKENS);
        assertThat(body.get("variables"))
                .isEqualTo(json("{\"input\": {\"start\": 0, \"count\": 5, \"filters\": [{\"field\": \"actorUrn\","
                        + " \"values\": [\"" + SA + "\"]}]}}"));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400})
    void anOlderServerSaysItHasNoServiceAccountsNotASchemaError(int status) {
        answer(
                status,
                "{\"errors\": [{\"message\": \"Validation error (FieldUndefined@[listServiceAccounts]) : Field"
                        + " 'listServiceAccounts' in type 'Query' is undefined\", \"locations\": [{\"line\": 1,"
                        + " \"column\": 60}], \"extensions\": {\"classification\": \"ValidationError\"}}],"
                        + " \"data\": null}");
        ApiException e = catchThrowableOfType(ApiException.class, () -> accounts.list(0, 10, null));
        assertThat(e.getMessage())
                .contains("no service accounts", "Core 1.4")
                .doesNotContain("FieldUndefined", "undefined");
        assertThat(e.statusCode()).isEqualTo(400);

        answer(
                status,
                "{\"errors\": [{\"message\": \"Variable 'input' has an invalid value: Invalid input for enum"
                        + " 'AccessTokenType'. No value found for name 'SERVICE_ACCOUNT'\", \"extensions\":"
                        + " {\"classification\": \"ValidationError\"}}], \"data\": null}");
        assertThatThrownBy(() -> accounts.createToken(SA, AccessTokenDuration.ONE_DAY, "ci", null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("no service accounts")
                .hasMessageNotContaining("enum");
    }

    @Test
    void aMissingPrivilegeIsNamed() {
        answer(
                200,
                "{\"errors\": [{\"message\": \"Unauthorized to perform this action.\", \"path\": [\"getServiceAccount\"],"
                        + " \"extensions\": {\"code\": 403, \"type\": \"UNAUTHORIZED\", \"classification\":"
                        + " \"DataFetchingException\"}}], \"data\": null}");
        assertThatThrownBy(() -> accounts.get(SA))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Manage Service Accounts");
    }

    @Test
    void badArgumentsAreRefusedBeforeSending() {
        assertThatThrownBy(() -> accounts.list(-1, 10, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.list(0, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.get(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.delete(null)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> accounts.createToken(SA, null, "n", null)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> accounts.createToken(SA, AccessTokenDuration.ONE_DAY, " ", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.listTokens("", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }
}
