package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDataHubTest {
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String JDOE = "urn:li:corpuser:jdoe";
    static final String ALICE = "urn:li:corpuser:alice";
    static final String CREATE = "mutation createAccessToken($input: CreateAccessTokenInput!) {\n"
            + "  createAccessToken(input: $input) {\n"
            + "    accessToken metadata { id urn actorUrn ownerUrn name description createdAt expiresAt }\n"
            + "  }\n}";
    static final String LIST = "query listAccessTokens($input: ListAccessTokenInput!) {\n"
            + "  listAccessTokens(input: $input) {\n"
            + "    start count total tokens { id urn actorUrn ownerUrn name description createdAt expiresAt }\n"
            + "  }\n}";
    static final String REVOKE =
            "mutation revokeAccessToken($tokenId: String!) { revokeAccessToken(tokenId: $tokenId) }";
    static final String METADATA = "query getAccessTokenMetadata($token: String!) {\n"
            + "  getAccessTokenMetadata(token: $token) { id urn actorUrn ownerUrn name description createdAt expiresAt }\n"
            + "}";

    final FakeClock clock = new FakeClock(Instant.parse("2024-11-23T00:00:00Z"));
    final OkHttpClient http = new OkHttpClient();
    FakeDataHub hub;
    Secret admin;
    Secret jdoe;

    @BeforeEach
    void start() {
        hub = new FakeDataHub(clock).start();
        hub.addAdmin(ADMIN)
                .addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS)
                .addUser(ALICE);
        admin = hub.addAccessToken(ADMIN).secret();
        jdoe = hub.addAccessToken(JDOE).secret();
    }

    @AfterEach
    void stop() {
        hub.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return FakeJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer send(String method, String path, Secret token, String body) throws IOException {
        Request.Builder b = new Request.Builder().url(hub.baseUrl() + path);
        if (token != null) {
            b.header("Authorization", "Bearer " + token.reveal());
        }
        b.method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        try (Response r = http.newCall(b.build()).execute()) {
            return new Answer(r.code(), r.header("Content-Type"), r.body().string());
        }
    }

    Answer graphql(Secret token, String query, Map<String, Object> variables) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return send("POST", "/api/graphql", token, FakeJson.MAPPER.writeValueAsString(body));
    }

    static Map<String, Object> createInput(String actor, String duration, String name) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "PERSONAL");
        input.put("actorUrn", actor);
        input.put("duration", duration);
        input.put("name", name);
        input.put("description", "nightly ingestion");
        return Map.of("input", input);
    }

    static Map<String, Object> listInput(int start, int count, String owner) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("start", start);
        input.put("count", count);
        if (owner != null) {
            input.put("filters", List.of(Map.of("field", "ownerUrn", "values", List.of(owner))));
        }
        return Map.of("input", input);
    }

    static JsonNode decodePart(String jwt, int part) throws IOException {
        return FakeJson.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
    }

    @Test
    void mintsHs256JwtsWithDataHubsClaimsAndSaltedIds() throws IOException {
        Answer a = graphql(jdoe, CREATE, createInput(JDOE, "ONE_MONTH", "catalogkit-ci"));
        assertThat(a.status()).isEqualTo(200);
        JsonNode made = a.json().path("data").path("createAccessToken");
        String jwt = made.path("accessToken").asText();
        assertThat(jwt).startsWith("eyJhbGciOiJIUzI1NiJ9.");
        assertThat(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"HS256\"}");
        JsonNode claims = decodePart(jwt, 1);
        List<String> names = new ArrayList<>();
        claims.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("actorType", "actorId", "type", "version", "jti", "sub", "exp", "iss");
        assertThat(claims.path("actorType").asText()).isEqualTo("USER");
        assertThat(claims.path("actorId").asText()).isEqualTo("jdoe");
        assertThat(claims.path("sub").asText()).isEqualTo("jdoe");
        assertThat(claims.path("type").asText()).isEqualTo("PERSONAL");
        assertThat(claims.path("version").asText()).isEqualTo("2");
        assertThat(claims.path("iss").asText()).isEqualTo("datahub-metadata-service");
        long createdAt = clock.instant().toEpochMilli();
        long expiresAt = createdAt + 2_592_000_000L;
        assertThat(claims.path("exp").asLong()).isEqualTo(expiresAt / 1000);

        JsonNode meta = made.path("metadata");
        String id = meta.path("id").asText();
        assertThat(id).hasSize(44).isEqualTo(hub.tokenId(Secret.of(jwt))).matches("[A-Za-z0-9+/]{43}=");
        assertThat(meta.path("urn").asText()).isEqualTo("urn:li:dataHubAccessToken:" + id);
        assertThat(meta.path("actorUrn").asText()).isEqualTo(JDOE);
        assertThat(meta.path("ownerUrn").asText()).isEqualTo(JDOE);
        assertThat(meta.path("name").asText()).isEqualTo("catalogkit-ci");
        assertThat(meta.path("description").asText()).isEqualTo("nightly ingestion");
        assertThat(meta.path("createdAt").asLong()).isEqualTo(createdAt);
        assertThat(meta.path("expiresAt").asLong()).isEqualTo(expiresAt);
        assertThat(a.json().path("extensions").isObject()).isTrue();
        assertThat(hub.tokenIds()).contains(id);

        // the new token works
        assertThat(graphql(Secret.of(jwt), LIST, listInput(0, 20, JDOE)).status())
                .isEqualTo(200);
    }

    @Test
    void honoursEveryDurationAndNoExpiryHasNoExpClaim() throws IOException {
        Map<String, Long> millis = Map.of(
                "ONE_HOUR", 3_600_000L,
                "ONE_DAY", 86_400_000L,
                "ONE_WEEK", 604_800_000L,
                "ONE_MONTH", 2_592_000_000L,
                "THREE_MONTHS", 7_776_000_000L,
                "SIX_MONTHS", 15_552_000_000L,
                "ONE_YEAR", 31_536_000_000L);
        for (Map.Entry<String, Long> e : millis.entrySet()) {
            JsonNode meta = graphql(admin, CREATE, createInput(ADMIN, e.getKey(), e.getKey()))
                    .json()
                    .path("data")
                    .path("createAccessToken")
                    .path("metadata");
            assertThat(meta.path("expiresAt").asLong() - meta.path("createdAt").asLong())
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
        }
        JsonNode made = graphql(admin, CREATE, createInput(ADMIN, "NO_EXPIRY", "forever"))
                .json()
                .path("data");
        JsonNode meta = made.path("createAccessToken").path("metadata");
        assertThat(meta.has("expiresAt")).isTrue();
        assertThat(meta.path("expiresAt").isNull()).isTrue();
        assertThat(decodePart(made.path("createAccessToken").path("accessToken").asText(), 1)
                        .has("exp"))
                .isFalse();
    }

    @Test
    void anAdminCreatesForOthersAndIsTheOwner() throws IOException {
        JsonNode meta = graphql(admin, CREATE, createInput(JDOE, "ONE_DAY", "for jdoe"))
                .json()
                .path("data")
                .path("createAccessToken")
                .path("metadata");
        assertThat(meta.path("actorUrn").asText()).isEqualTo(JDOE);
        assertThat(meta.path("ownerUrn").asText()).isEqualTo(ADMIN);
    }

    @Test
    void aUserCannotCreateForSomeoneElseNorWithoutThePrivilege() throws IOException {
        JsonNode body =
                graphql(jdoe, CREATE, createInput(ALICE, "ONE_DAY", "x")).json();
        assertUnauthorized(body, "createAccessToken");
        assertThat(body.path("data").path("createAccessToken").isNull()).isTrue();

        Secret alice = hub.addAccessToken(ALICE).secret();
        assertUnauthorized(
                graphql(alice, CREATE, createInput(ALICE, "ONE_DAY", "x")).json(), "createAccessToken");
    }

    static void assertUnauthorized(JsonNode body, String field) {
        JsonNode error = body.path("errors").path(0);
        assertThat(error.path("message").asText())
                .isEqualTo("Unauthorized to perform this action. Please contact your DataHub administrator.");
        assertThat(error.path("path").path(0).asText()).isEqualTo(field);
        assertThat(error.path("locations").path(0).has("line")).isTrue();
        assertThat(error.path("extensions").path("code").asInt()).isEqualTo(403);
        assertThat(error.path("extensions").path("type").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(error.path("extensions").path("classification").asText()).isEqualTo("DataFetchingException");
    }

    @Test
    void listingOthersTokensNeedsTheAdminPrivilegeAndTheExactOwnerFilter() throws IOException {
        Answer all = graphql(jdoe, LIST, listInput(0, 20, null));
        assertThat(all.status()).isEqualTo(200);
        assertUnauthorized(all.json(), "listAccessTokens");
        assertThat(all.json().has("data")).isTrue();
        assertThat(all.json().path("data").isNull()).isTrue();

        Map<String, Object> byActor =
                Map.of("input", Map.of("filters", List.of(Map.of("field", "actorUrn", "values", List.of(JDOE)))));
        assertUnauthorized(graphql(jdoe, LIST, byActor).json(), "listAccessTokens");
        assertUnauthorized(graphql(jdoe, LIST, listInput(0, 20, ADMIN)).json(), "listAccessTokens");
        Map<String, Object> twoOwners = Map.of(
                "input", Map.of("filters", List.of(Map.of("field", "ownerUrn", "values", List.of(JDOE, ADMIN)))));
        assertUnauthorized(graphql(jdoe, LIST, twoOwners).json(), "listAccessTokens");

        JsonNode own =
                graphql(jdoe, LIST, listInput(0, 20, JDOE)).json().path("data").path("listAccessTokens");
        assertThat(own.path("total").asInt()).isEqualTo(1);
        assertThat(own.path("tokens").path(0).path("ownerUrn").asText()).isEqualTo(JDOE);

        JsonNode everyone =
                graphql(admin, LIST, listInput(0, 20, null)).json().path("data").path("listAccessTokens");
        assertThat(everyone.path("total").asInt()).isEqualTo(2);
        JsonNode othersOwn =
                graphql(admin, LIST, listInput(0, 20, JDOE)).json().path("data").path("listAccessTokens");
        assertThat(othersOwn.path("total").asInt()).isEqualTo(1);
    }

    @Test
    void listPagesEchoCountAndSortByExpiryWithNeverExpiringLast() throws IOException {
        Instant now = clock.instant();
        hub.addAccessToken(JDOE, JDOE, "week", null, now, now.plus(Duration.ofDays(7)));
        hub.addAccessToken(JDOE, JDOE, "year", null, now, now.plus(Duration.ofDays(365)));
        hub.addAccessToken(JDOE, JDOE, "hour", null, now, now.plus(Duration.ofHours(1)));
        JsonNode first =
                graphql(jdoe, LIST, listInput(0, 3, JDOE)).json().path("data").path("listAccessTokens");
        assertThat(first.path("start").asInt()).isZero();
        assertThat(first.path("count").asInt()).isEqualTo(3);
        assertThat(first.path("total").asInt()).isEqualTo(4);
        assertThat(names(first)).containsExactly("year", "week", "hour");
        JsonNode second =
                graphql(jdoe, LIST, listInput(3, 3, JDOE)).json().path("data").path("listAccessTokens");
        assertThat(second.path("start").asInt()).isEqualTo(3);
        assertThat(second.path("count").asInt()).isEqualTo(3);
        assertThat(names(second)).containsExactly("seeded");
        JsonNode past =
                graphql(jdoe, LIST, listInput(9, 3, JDOE)).json().path("data").path("listAccessTokens");
        assertThat(past.path("tokens").size()).isZero();
        assertThat(past.path("total").asInt()).isEqualTo(4);

        JsonNode defaults = graphql(admin, LIST, Map.of("input", Map.of()))
                .json()
                .path("data")
                .path("listAccessTokens");
        assertThat(defaults.path("start").asInt()).isZero();
        assertThat(defaults.path("count").asInt()).isEqualTo(20);
        assertThat(defaults.path("total").asInt()).isEqualTo(5);

        Map<String, Object> negated = Map.of(
                "input",
                Map.of("filters", List.of(Map.of("field", "name", "values", List.of("seeded"), "negated", true))));
        JsonNode notSeeded = graphql(admin, LIST, negated).json().path("data").path("listAccessTokens");
        assertThat(names(notSeeded)).containsExactly("year", "week", "hour");
    }

    static List<String> names(JsonNode listing) {
        List<String> names = new ArrayList<>();
        listing.path("tokens").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Test
    void newTokensCanBeHiddenFromTheListForAWhile() throws IOException {
        hub.listVisibilityDelay(Duration.ofSeconds(5));
        graphql(jdoe, CREATE, createInput(JDOE, "ONE_DAY", "fresh"));
        assertThat(names(graphql(jdoe, LIST, listInput(0, 20, JDOE))
                        .json()
                        .path("data")
                        .path("listAccessTokens")))
                .containsExactly("seeded");
        clock.advance(Duration.ofSeconds(5));
        assertThat(names(graphql(jdoe, LIST, listInput(0, 20, JDOE))
                        .json()
                        .path("data")
                        .path("listAccessTokens")))
                .containsExactly("fresh", "seeded");
    }

    @Test
    void revokeByOwnerThenSecondRevokesFailAsDataHubDoes() throws IOException {
        JsonNode made = graphql(jdoe, CREATE, createInput(JDOE, "ONE_DAY", "temp"))
                .json()
                .path("data")
                .path("createAccessToken");
        Secret temp = Secret.of(made.path("accessToken").asText());
        String id = made.path("metadata").path("id").asText();

        Answer revoked = graphql(jdoe, REVOKE, Map.of("tokenId", id));
        assertThat(revoked.json().path("data").path("revokeAccessToken").asBoolean())
                .isTrue();
        assertThat(hub.tokenIds()).doesNotContain(id);
        assertThat(graphql(temp, LIST, listInput(0, 20, JDOE)).status()).isEqualTo(401);

        assertUnauthorized(graphql(jdoe, REVOKE, Map.of("tokenId", id)).json(), "revokeAccessToken");

        JsonNode second = graphql(admin, REVOKE, Map.of("tokenId", id)).json();
        JsonNode error = second.path("errors").path(0);
        assertThat(error.path("message").asText())
                .isEqualTo("Failed to revoke access token. Root cause: Access token no longer exists");
        assertThat(error.path("extensions").path("code").asInt()).isEqualTo(500);
        assertThat(error.path("extensions").path("type").asText()).isEqualTo("SERVER_ERROR");
        assertThat(error.path("path").path(0).asText()).isEqualTo("revokeAccessToken");
        assertThat(second.path("data").isNull()).isTrue();

        hub.opaqueRevokeErrors(true);
        assertThat(graphql(admin, REVOKE, Map.of("tokenId", id))
                        .json()
                        .path("errors")
                        .path(0)
                        .path("message")
                        .asText())
                .isEqualTo("An unknown error occurred.");
    }

    @Test
    void onlyTheOwnerOrAnAdminRevokes() throws IOException {
        JsonNode made = graphql(admin, CREATE, createInput(JDOE, "ONE_DAY", "admins"))
                .json()
                .path("data")
                .path("createAccessToken");
        String id = made.path("metadata").path("id").asText();
        assertUnauthorized(graphql(jdoe, REVOKE, Map.of("tokenId", id)).json(), "revokeAccessToken");
        assertThat(graphql(admin, REVOKE, Map.of("tokenId", id))
                        .json()
                        .path("data")
                        .path("revokeAccessToken")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void revokedTokensCanKeepWorkingForTheLag() throws IOException {
        hub.revocationLag(Duration.ofMinutes(5));
        JsonNode made = graphql(jdoe, CREATE, createInput(JDOE, "ONE_DAY", "lagging"))
                .json()
                .path("data")
                .path("createAccessToken");
        Secret lagging = Secret.of(made.path("accessToken").asText());
        graphql(jdoe, REVOKE, Map.of("tokenId", made.path("metadata").path("id").asText()));
        assertThat(graphql(lagging, LIST, listInput(0, 20, JDOE)).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        assertThat(graphql(lagging, LIST, listInput(0, 20, JDOE)).status()).isEqualTo(401);
    }

    @Test
    void metadataOfARawTokenIsForAdminsAndUnknownTokensGiveTheNullError() throws IOException {
        JsonNode meta = graphql(admin, METADATA, Map.of("token", jdoe.reveal()))
                .json()
                .path("data")
                .path("getAccessTokenMetadata");
        assertThat(meta.path("id").asText()).isEqualTo(hub.tokenId(jdoe));
        assertThat(meta.path("actorUrn").asText()).isEqualTo(JDOE);

        assertUnauthorized(
                graphql(jdoe, METADATA, Map.of("token", jdoe.reveal())).json(), "getAccessTokenMetadata");

        JsonNode unknown = graphql(admin, METADATA, Map.of("token", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"))
                .json();
        assertThat(unknown.path("data").isNull()).isTrue();
        JsonNode error = unknown.path("errors").path(0);
        assertThat(error.path("extensions").path("classification").asText()).isEqualTo("NullValueInNonNullableField");
        assertThat(error.path("extensions").has("code")).isFalse();
    }

    @Test
    void expiredTokensGet401AndAreDeletedWhenPresentedButStayListedOtherwise() throws IOException {
        JsonNode made = graphql(jdoe, CREATE, createInput(JDOE, "ONE_HOUR", "short"))
                .json()
                .path("data")
                .path("createAccessToken");
        Secret shortLived = Secret.of(made.path("accessToken").asText());
        String id = made.path("metadata").path("id").asText();
        JsonNode made2 = graphql(jdoe, CREATE, createInput(JDOE, "ONE_HOUR", "short2"))
                .json()
                .path("data")
                .path("createAccessToken");
        clock.advance(Duration.ofMinutes(59));
        assertThat(graphql(shortLived, LIST, listInput(0, 20, JDOE)).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        Answer expired = graphql(shortLived, LIST, listInput(0, 20, JDOE));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(hub.tokenIds()).doesNotContain(id);
        assertThat(names(graphql(jdoe, LIST, listInput(0, 20, JDOE))
                        .json()
                        .path("data")
                        .path("listAccessTokens")))
                .contains("short2")
                .doesNotContain("short");
        assertThat(hub.tokenIds()).contains(made2.path("metadata").path("id").asText());
    }

    @Test
    void authenticationFailuresAre401BeforeGraphQlRuns() throws IOException {
        assertThat(graphql(null, LIST, listInput(0, 20, null)).status()).isEqualTo(401);
        String jwt = jdoe.reveal();
        String tampered = jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAA";
        assertThat(graphql(Secret.of(tampered), LIST, listInput(0, 20, JDOE)).status())
                .isEqualTo(401);
        assertThat(graphql(Secret.of("not-a-jwt"), LIST, listInput(0, 20, JDOE)).status())
                .isEqualTo(401);
        try (FakeDataHub other = new FakeDataHub(clock).start()) {
            other.addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
            Answer foreign = graphql(other.addAccessToken(JDOE).secret(), LIST, listInput(0, 20, JDOE));
            assertThat(foreign.status()).isEqualTo(401);
            assertThat(foreign.contentType()).contains("html");
        }
        // even a bad body is refused with 401 first
        assertThat(send("POST", "/api/graphql", null, "{").status()).isEqualTo(401);
    }

    @Test
    void onlyPostToApiGraphqlAndOnlyJsonWithAQuery() throws IOException {
        assertThat(send("GET", "/api/graphql", jdoe, null).status()).isEqualTo(405);
        assertThat(send("POST", "/api/v2/graphql", jdoe, "{}").status()).isEqualTo(405);
        Answer notJson = send("POST", "/api/graphql", jdoe, "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).isEmpty();
        Answer noQuery = send("POST", "/api/graphql", jdoe, "{\"variables\":{}}");
        assertThat(noQuery.status()).isEqualTo(400);
        assertThat(noQuery.body()).isEmpty();
        assertThat(send("POST", "/api/graphql", jdoe, "[]").status()).isEqualTo(400);
        assertThat(send("POST", "/api/graphql", jdoe, "").status()).isEqualTo(400);
        assertThat(send("POST", "/api/graphql", jdoe, "{\"query\":\"{ _stub }\",\"variables\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(hub.requests("/api/graphql")).hasSize(6);
    }

    @Test
    void documentsTheSchemaRejectsGetValidationErrors() throws IOException {
        // the singular "value" of old docs is not in FacetFilterInput
        String oldDocs =
                "query { listAccessTokens(input: {filters: [{field: \"ownerUrn\", value: \"x\"}]}) { total } }";
        Answer a = graphql(admin, oldDocs, Map.of());
        assertThat(a.status()).isEqualTo(200);
        JsonNode error = a.json().path("errors").path(0);
        assertThat(error.path("extensions").path("classification").asText()).isEqualTo("ValidationError");
        assertThat(error.path("extensions").has("code")).isFalse();
        assertThat(a.json().has("data")).isFalse();

        // variables that do not coerce (an unknown enum value)
        Answer badEnum = graphql(jdoe, CREATE, createInput(JDOE, "TWO_WEEKS", "x"));
        assertThat(badEnum.json()
                        .path("errors")
                        .path(0)
                        .path("extensions")
                        .path("classification")
                        .asText())
                .isEqualTo("ValidationError");
    }

    @Test
    void theOlderSchemaLacksServiceAccountsAndOwner() throws IOException {
        String withOwner = "query { listAccessTokens(input: {}) { tokens { id owner { urn } } } }";
        JsonNode newer = graphql(admin, withOwner, Map.of()).json();
        assertThat(newer.has("errors")).isFalse();
        assertThat(newer.path("data")
                        .path("listAccessTokens")
                        .path("tokens")
                        .path(0)
                        .path("owner")
                        .path("urn")
                        .asText())
                .startsWith("urn:li:corpuser:");
        Map<String, Object> serviceAccount = Map.of(
                "input", Map.of("type", "SERVICE_ACCOUNT", "actorUrn", ADMIN, "duration", "ONE_DAY", "name", "sa"));
        JsonNode refused = graphql(admin, CREATE, serviceAccount).json();
        assertThat(refused.path("errors")
                        .path(0)
                        .path("extensions")
                        .path("code")
                        .asInt())
                .isEqualTo(400);
        JsonNode unimplemented = graphql(admin, "query { debugAccess(userUrn: \"x\") { roles } }", Map.of())
                .json();
        assertThat(unimplemented
                        .path("errors")
                        .path(0)
                        .path("extensions")
                        .path("code")
                        .asInt())
                .isEqualTo(400);

        hub.schemaBuild(FakeDataHub.SchemaBuild.PRE_SERVICE_ACCOUNTS);
        assertThat(graphql(admin, withOwner, Map.of())
                        .json()
                        .path("errors")
                        .path(0)
                        .path("extensions")
                        .path("classification")
                        .asText())
                .isEqualTo("ValidationError");
        assertThat(graphql(admin, CREATE, serviceAccount)
                        .json()
                        .path("errors")
                        .path(0)
                        .path("extensions")
                        .path("classification")
                        .asText())
                .isEqualTo("ValidationError");
        assertThat(graphql(jdoe, CREATE, createInput(JDOE, "ONE_DAY", "older"))
                        .json()
                        .path("data")
                        .path("createAccessToken")
                        .path("metadata")
                        .path("name")
                        .asText())
                .isEqualTo("older");
    }

    @Test
    void createRejectsAnActorThatIsNotAUserUrn() throws IOException {
        JsonNode body =
                graphql(admin, CREATE, createInput("jdoe", "ONE_DAY", "x")).json();
        assertThat(body.path("errors").path(0).path("extensions").path("code").asInt())
                .isEqualTo(400);
        assertThat(body.path("errors").path(0).path("extensions").path("type").asText())
                .isEqualTo("BAD_REQUEST");
    }

    @Test
    void resetGoesBackToTheSeededUsersTokensAndSettings() throws IOException {
        hub.markSeeded();
        JsonNode made = graphql(jdoe, CREATE, createInput(JDOE, "ONE_DAY", "in-a-test"))
                .json()
                .path("data")
                .path("createAccessToken");
        Secret madeToken = Secret.of(made.path("accessToken").asText());
        hub.addUser("urn:li:corpuser:bob", FakeDataHub.MANAGE_ACCESS_TOKENS)
                .schemaBuild(FakeDataHub.SchemaBuild.PRE_SERVICE_ACCOUNTS)
                .listVisibilityDelay(Duration.ofHours(1));
        assertThat(hub.tokenIds()).hasSize(3);
        String withOwner = "query { listAccessTokens(input: {start: 0, count: 5}) { tokens { owner { urn } } } }";
        assertThat(graphql(admin, withOwner, Map.of()).json().has("errors")).isTrue();

        hub.reset();

        assertThat(hub.requests()).isEmpty();
        assertThat(hub.tokenIds()).containsExactlyInAnyOrder(hub.tokenId(admin), hub.tokenId(jdoe));
        assertThat(graphql(admin, withOwner, Map.of()).json().has("errors"))
                .as("the 1.4 schema is back")
                .isFalse();
        assertThat(graphql(madeToken, LIST, listInput(0, 20, JDOE)).status()).isEqualTo(401);
        assertThat(graphql(jdoe, LIST, listInput(0, 20, JDOE)).status())
                .as("seeded tokens still verify")
                .isEqualTo(200);
        graphql(jdoe, CREATE, createInput(JDOE, "ONE_DAY", "after-reset"));
        assertThat(graphql(jdoe, LIST, listInput(0, 20, JDOE))
                        .json()
                        .path("data")
                        .path("listAccessTokens")
                        .path("total")
                        .asInt())
                .as("no list delay any more")
                .isEqualTo(2);
    }

    @Test
    void seededTokensCarryTheGivenMetadataAndBadSettingsAreRefused() throws IOException {
        Instant created = Instant.parse("2024-01-01T00:00:00Z");
        FakeDataHub.SeededAccessToken seeded =
                hub.addAccessToken(JDOE, ADMIN, "old", "from seed", created, created.plus(Duration.ofDays(1)));
        Secret t = seeded.secret();
        assertThat(seeded.id()).isEqualTo(hub.tokenId(t));
        assertThat(seeded.toString()).doesNotContain(t.reveal());
        JsonNode meta = graphql(admin, METADATA, Map.of("token", t.reveal()))
                .json()
                .path("data")
                .path("getAccessTokenMetadata");
        assertThat(meta.path("ownerUrn").asText()).isEqualTo(ADMIN);
        assertThat(meta.path("description").asText()).isEqualTo("from seed");
        assertThat(meta.path("createdAt").asLong()).isEqualTo(created.toEpochMilli());
        // already expired when seeded
        assertThat(graphql(t, LIST, listInput(0, 20, JDOE)).status()).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.revocationLag(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FakeDataHub().baseUrl())
                .isInstanceOf(IllegalStateException.class);
    }
}
