package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeAtlanTest {
    private static final String CONN = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    private static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    private static final String P2 = "default/Hk2mPq9XwL4nVz7Rb3Dy8S";

    private final OkHttpClient http = new OkHttpClient();
    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    private FakeAtlan atlan;

    record Answer(int status, String contentType, String text, JsonNode json) {}

    @BeforeEach
    void start() {
        atlan = new FakeAtlan(clock).start();
        atlan.addUser("jdoe", "jdoe-bearer")
                .addUser("mallory", "mallory-bearer")
                .addPersona(P1, "Data Engineers")
                .addPersona(P2, "Analysts")
                .addAsset(CONN, "Connection", "default/snowflake/1735689600", "prod-snowflake")
                .setAdminUsers(CONN, "jdoe")
                .allowWrite(CONN, "jdoe")
                .allowRead(CONN, "mallory");
    }

    @AfterEach
    void stop() {
        atlan.close();
    }

    private Answer call(String method, String pathAndQuery, String bearer, Object body) throws IOException {
        HttpUrl url = HttpUrl.get(atlan.baseUrl() + pathAndQuery);
        RequestBody rb = body == null
                ? (method.equals("POST") ? RequestBody.create(new byte[0], null) : null)
                : RequestBody.create(
                        FakeJson.MAPPER.writeValueAsBytes(body), MediaType.get("application/json; charset=utf-8"));
        Request.Builder b = new Request.Builder().url(url).method(method, rb).header("X-Atlan-Request-Id", "rid-1");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try (Response r = http.newCall(b.build()).execute()) {
            String text = r.body().string();
            JsonNode json = text.isEmpty() ? null : FakeJson.MAPPER.readTree(text);
            return new Answer(r.code(), r.header("Content-Type"), text, json);
        }
    }

    private Answer create(String bearer, String name, List<String> personas, long validity) throws IOException {
        return call(
                "POST",
                "/api/service/apikeys",
                bearer,
                Map.of(
                        "displayName",
                        name,
                        "description",
                        "d",
                        "personaQualifiedNames",
                        personas,
                        "validitySeconds",
                        validity));
    }

    private Answer lookup(String bearer, String field, String value) throws IOException {
        String filter = FakeJson.MAPPER.writeValueAsString(Map.of(field, value));
        HttpUrl url = HttpUrl.get(atlan.baseUrl() + "/api/service/apikeys")
                .newBuilder()
                .addQueryParameter("limit", "100")
                .addQueryParameter("offset", "0")
                .addQueryParameter("sort", "-createdAt")
                .addQueryParameter("count", "true")
                .addQueryParameter("filter", filter)
                .build();
        return call("GET", url.encodedPath() + "?" + url.encodedQuery(), bearer, null);
    }

    @Test
    void refusesMissingAndUnknownBearersWithTheGatewayShape() throws IOException {
        Answer none = call("GET", "/api/service/apikeys", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("status").asInt()).isEqualTo(401);
        assertThat(none.json().get("url").asText()).isEqualTo("/api/service/apikeys");
        assertThat(call("GET", "/api/service/users/current", "nope", null).status())
                .isEqualTo(401);
        assertThat(atlan.requests()).hasSize(2);
        assertThat(atlan.requests("/api/service/users/current")).hasSize(1);
    }

    @Test
    void createAnswersWithTheSecretOnceAndTheSecretWorksAsABearer() throws IOException {
        Answer created = create("jdoe-bearer", "nightly-sync", List.of(P1), 157_680_000L);
        assertThat(created.status()).isEqualTo(200);
        JsonNode a = created.json().get("attributes");
        String secret = a.get("accessToken").asText();
        assertThat(secret).startsWith("eyJ");
        assertThat(a.get("createdAt").isNumber()).isTrue();
        assertThat(a.get("createdAt").asLong()).isEqualTo(clock.millis());
        assertThat(a.get("access.token.lifespan").asLong()).isEqualTo(157_680_000L);
        assertThat(a.get("createdBy").asText()).isEqualTo("jdoe");
        assertThat(a.get("personaQualifiedName")
                        .get(0)
                        .get("personaQualifiedName")
                        .asText())
                .isEqualTo(P1);
        assertThat(a.get("personaQualifiedName").get(0).get("persona").asText()).isEqualTo("Data Engineers");
        String clientId = created.json().get("clientId").asText();
        assertThat(clientId).startsWith("apikey-");

        Answer me = call("GET", "/api/service/users/current", secret, null);
        assertThat(me.json().get("username").asText()).isEqualTo("service-account-" + clientId);

        Answer listed = lookup(secret, "id", created.json().get("id").asText());
        JsonNode rec = listed.json().get("records").get(0);
        assertThat(rec.get("attributes").has("accessToken")).isFalse();
        assertThat(rec.get("attributes").get("createdAt").isTextual()).isTrue();
        assertThat(rec.get("attributes").get("personaQualifiedName").asText()).isEqualTo("[\"" + P1 + "\"]");
        assertThat(rec.get("attributes").get("workspacePermissions").asText()).isEqualTo("[]");
    }

    @Test
    void createValidatesNamePersonasAndValidity() throws IOException {
        Answer unknown = create("jdoe-bearer", "x", List.of("default/nope"), 100L);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errorCode").asText()).startsWith("ATLAS-400");
        assertThat(unknown.json().get("errorMessage").asText()).contains("default/nope");
        assertThat(unknown.json().get("requestId").asText()).isEqualTo("rid-1");
        assertThat(call("POST", "/api/service/apikeys", "jdoe-bearer", Map.of("validitySeconds", 5))
                        .status())
                .isEqualTo(400);
        assertThat(create("jdoe-bearer", "x", List.of(), 0L).status()).isEqualTo(400);
        assertThat(call("POST", "/api/service/apikeys", "jdoe-bearer", null).status())
                .isEqualTo(400);
        assertThat(atlan.tokenCount()).isZero();
    }

    @Test
    void lookupsMatchExactlyAndAllowDuplicateNames() throws IOException {
        atlan.addApiToken("nightly \"sync\" ü");
        atlan.addApiToken("nightly \"sync\" ü");
        FakeAtlan.SeededToken other = atlan.addApiToken("nightly");
        Answer byName = lookup("jdoe-bearer", "displayName", "nightly \"sync\" ü");
        assertThat(byName.json().get("records")).hasSize(2);
        assertThat(byName.json().get("filterRecord").asInt()).isEqualTo(2);
        assertThat(byName.json().get("totalRecord").asInt()).isEqualTo(3);
        assertThat(atlan.tokenGuids("nightly \"sync\" ü")).hasSize(2);
        Answer byClientId = lookup("jdoe-bearer", "clientId", other.clientId());
        assertThat(byClientId.json().get("records").get(0).get("id").asText()).isEqualTo(other.guid());
        assertThat(lookup("jdoe-bearer", "displayName", "nightl").json().get("records"))
                .isEmpty();
        assertThat(call("GET", "/api/service/apikeys?filter=%7Bbad", "jdoe-bearer", null)
                        .status())
                .isEqualTo(400);
        assertThat(call("GET", "/api/service/apikeys?filter=%7B%22other%22%3A%22x%22%7D", "jdoe-bearer", null)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void listsPagesNewestFirstOrOldestFirst() throws IOException {
        for (int i = 0; i < 5; i++) {
            atlan.addApiToken("t" + i);
            clock.advance(Duration.ofSeconds(1));
        }
        Answer page =
                call("GET", "/api/service/apikeys?limit=2&offset=1&sort=-createdAt&count=true", "jdoe-bearer", null);
        assertThat(page.json().get("records"))
                .extracting(r -> r.get("displayName").asText())
                .containsExactly("t3", "t2");
        Answer asc = call("GET", "/api/service/apikeys?limit=10&offset=3&sort=createdAt", "jdoe-bearer", null);
        assertThat(asc.json().get("records"))
                .extracting(r -> r.get("displayName").asText())
                .containsExactly("t3", "t4");
        assertThat(asc.json().has("totalRecord")).isFalse();
        atlan.omitCounts(true);
        assertThat(call("GET", "/api/service/apikeys?count=true", "jdoe-bearer", null)
                        .json()
                        .has("filterRecord"))
                .isFalse();
        assertThat(call("GET", "/api/service/apikeys?sort=name", "jdoe-bearer", null)
                        .status())
                .isEqualTo(400);
        assertThat(call("GET", "/api/service/apikeys?limit=x", "jdoe-bearer", null)
                        .status())
                .isEqualTo(400);
        assertThat(call("GET", "/api/service/apikeys?offset=-1", "jdoe-bearer", null)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void updateReplacesPersonasAndCanLag() throws IOException {
        FakeAtlan.SeededToken t = atlan.addApiToken("t", "", Set.of(P1), 1000L);
        Answer updated = call(
                "POST",
                "/api/service/apikeys/" + t.guid(),
                "jdoe-bearer",
                Map.of("displayName", "t2", "description", "desc", "personaQualifiedNames", List.of(P2)));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("attributes").get("personaQualifiedName")).hasSize(1);
        assertThat(updated.json()
                        .get("attributes")
                        .get("personaQualifiedName")
                        .get(0)
                        .asText())
                .isEqualTo(P2);
        assertThat(updated.json().get("attributes").get("createdAt").isTextual())
                .isTrue();
        assertThat(atlan.personasOf(t.guid())).contains(List.of(P2));

        atlan.updateLag(true);
        Answer lagging = call(
                "POST",
                "/api/service/apikeys/" + t.guid(),
                "jdoe-bearer",
                Map.of("displayName", "t2", "personaQualifiedNames", List.of(P1, P2)));
        assertThat(lagging.json().get("attributes").get("personaQualifiedName"))
                .extracting(JsonNode::asText)
                .containsExactly(P2);
        assertThat(atlan.personasOf(t.guid())).contains(List.of(P1, P2));

        assertThat(call("POST", "/api/service/apikeys/" + t.guid(), "jdoe-bearer", Map.of("description", "x"))
                        .status())
                .isEqualTo(400);
        Answer unknown = call(
                "POST",
                "/api/service/apikeys/" + t.guid(),
                "jdoe-bearer",
                Map.of("displayName", "t2", "personaQualifiedNames", List.of("default/nope")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(atlan.personasOf(t.guid())).contains(List.of(P1, P2));
        assertThat(call("POST", "/api/service/apikeys/nope", "jdoe-bearer", Map.of("displayName", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(atlan.personasOf("nope")).isEmpty();
    }

    @Test
    void deleteRemovesTheTokenAndItsBearer() throws IOException {
        FakeAtlan.SeededToken t = atlan.addApiToken("gone");
        assertThat(call("GET", "/api/service/users/current", t.secret().reveal(), null)
                        .status())
                .isEqualTo(200);
        Answer deleted = call("DELETE", "/api/service/apikeys/" + t.guid(), "jdoe-bearer", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        Answer after = lookup("jdoe-bearer", "id", t.guid());
        assertThat(after.json().get("records")).isEmpty();
        assertThat(after.json().get("filterRecord").asInt()).isZero();
        assertThat(call("GET", "/api/service/users/current", t.secret().reveal(), null)
                        .status())
                .isEqualTo(401);
        assertThat(call("DELETE", "/api/service/apikeys/" + t.guid(), "jdoe-bearer", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tokensExpiringAfter2038AreRefusedFromBirthAndOthersWhenTheClockPassesTheirExpiry() throws IOException {
        clock.set(Instant.parse("2034-01-01T00:00:00Z"));
        Answer overflow = create("jdoe-bearer", "too-long", List.of(), 157_680_000L);
        assertThat(overflow.status()).isEqualTo(200);
        String secret = overflow.json().get("attributes").get("accessToken").asText();
        assertThat(call("GET", "/api/service/users/current", secret, null).status())
                .isEqualTo(401);

        Answer shortLived = create("jdoe-bearer", "short", List.of(), 60L);
        String s2 = shortLived.json().get("attributes").get("accessToken").asText();
        assertThat(call("GET", "/api/service/users/current", s2, null).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(60));
        assertThat(call("GET", "/api/service/users/current", s2, null).status()).isEqualTo(401);
    }

    @Test
    void indexSearchShowsOnlyReadableAssetsWithTheRequestedAttributes() throws IOException {
        Map<String, Object> search = search(CONN, "adminUsers");
        Answer found = call("POST", "/api/meta/search/indexsearch", "mallory-bearer", search);
        JsonNode e = found.json().get("entities").get(0);
        assertThat(e.get("typeName").asText()).isEqualTo("Connection");
        assertThat(e.get("attributes").get("qualifiedName").asText()).isEqualTo("default/snowflake/1735689600");
        assertThat(e.get("attributes").get("adminUsers"))
                .extracting(JsonNode::asText)
                .containsExactly("jdoe");
        assertThat(e.get("attributes").has("viewerUsers")).isFalse();

        FakeAtlan.SeededToken t = atlan.addApiToken("reader");
        Answer invisible =
                call("POST", "/api/meta/search/indexsearch", t.secret().reveal(), search);
        assertThat(invisible.json().has("entities")).isFalse();
        assertThat(invisible.json().get("approximateCount").asInt()).isZero();
        assertThat(call("POST", "/api/meta/search/indexsearch", "jdoe-bearer", Map.of("dsl", Map.of()))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void bulkSaveChangesOnlyWhatWasSentAndOnlyForWriters() throws IOException {
        atlan.setViewerUsers(CONN, "viewer1");
        Map<String, Object> save = save(
                "Connection",
                "default/snowflake/1735689600",
                "adminUsers",
                List.of("jdoe", "service-account-apikey-1"));
        Answer denied = call("POST", "/api/meta/entity/bulk?replaceTags=false", "mallory-bearer", save);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("errorMessage").asText()).contains("mallory");
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe");

        Answer saved = call("POST", "/api/meta/entity/bulk?replaceTags=false", "jdoe-bearer", save);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json()
                        .get("mutatedEntities")
                        .get("UPDATE")
                        .get(0)
                        .get("guid")
                        .asText())
                .isEqualTo(CONN);
        assertThat(saved.json().get("guidAssignments").get("-123").asText()).isEqualTo(CONN);
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe", "service-account-apikey-1");
        assertThat(atlan.viewerUsers(CONN)).containsExactly("viewer1");

        Answer again = call("POST", "/api/meta/entity/bulk", "jdoe-bearer", save);
        assertThat(again.json().get("mutatedEntities").has("UPDATE")).isFalse();

        Answer created = call(
                "POST",
                "/api/meta/entity/bulk",
                "jdoe-bearer",
                save("Collection", "default/collection/jdoe/x", "viewerUsers", List.of("a")));
        assertThat(created.json().get("mutatedEntities").get("CREATE")).hasSize(1);
        assertThat(call("POST", "/api/meta/entity/bulk", "jdoe-bearer", Map.of("entities", List.of()))
                        .status())
                .isEqualTo(400);
        assertThat(call(
                                "POST",
                                "/api/meta/entity/bulk",
                                "jdoe-bearer",
                                save("Connection", "default/snowflake/1735689600", "adminUsers", List.of(1)))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void switchesForceOneEncodingEverywhere() throws IOException {
        atlan.addApiToken("t", "", Set.of(P1, P2), 1000L);
        atlan.numbersAsStrings(false)
                .personaEncoding(FakeAtlan.PersonaEncoding.ENCODED_OBJECTS)
                .deprecatedPersonas(true)
                .omitTopLevelNames(true);
        JsonNode rec = call("GET", "/api/service/apikeys", "jdoe-bearer", null)
                .json()
                .get("records")
                .get(0);
        assertThat(rec.has("clientId")).isFalse();
        assertThat(rec.has("displayName")).isFalse();
        JsonNode a = rec.get("attributes");
        assertThat(a.get("access.token.lifespan").isNumber()).isTrue();
        JsonNode decoded =
                FakeJson.MAPPER.readTree(a.get("personaQualifiedName").asText());
        assertThat(decoded)
                .extracting(o -> o.get("personaQualifiedName").asText())
                .containsExactlyInAnyOrder(P1, P2);
        assertThat(a.get("personas")).hasSize(2);

        atlan.personaEncoding(FakeAtlan.PersonaEncoding.STRINGS);
        JsonNode strings = call("GET", "/api/service/apikeys", "jdoe-bearer", null)
                .json()
                .get("records")
                .get(0);
        assertThat(strings.get("attributes").get("personaQualifiedName"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void unknownEndpointsAndBadSeedsAreReported() throws IOException {
        assertThat(call("GET", "/api/other", "jdoe-bearer", null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/service/apikeys", "jdoe-bearer", List.of())
                        .status())
                .isEqualTo(400);
        assertThatThrownBy(() -> atlan.adminUsers("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> atlan.addApiToken("x", "", Set.of("default/nope"), 10L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> atlan.addUser(" ", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(atlan.addApiToken("x").toString()).doesNotContain("eyJ");
    }

    @Test
    void faultsFromTheBaseApplyAfterHandling() throws IOException {
        atlan.failNext(1, Fault.status(503).afterHandling());
        Answer failed = create("jdoe-bearer", "made-anyway", List.of(), 100L);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(atlan.tokenGuids("made-anyway")).hasSize(1);
    }

    @Test
    void resetGoesBackToTheSeededTokensAssetsAndSwitches() throws IOException {
        FakeAtlan.SeededToken seeded = atlan.addApiToken("seeded", "", Set.of(P1), 3600L);
        atlan.markSeeded();

        Answer made = create("jdoe-bearer", "made-in-a-test", List.of(P2), 100L);
        String madeSecret = made.json().get("attributes").get("accessToken").asText();
        call("POST", "/api/service/apikeys/" + seeded.guid(), "jdoe-bearer", Map.of("displayName", "renamed"));
        call(
                "POST",
                "/api/meta/entity/bulk",
                "jdoe-bearer",
                save("Connection", "default/snowflake/1735689600", "adminUsers", List.of("jdoe", seeded.username())));
        atlan.numbersAsStrings(true).omitCounts(true);
        clock.advance(Duration.ofHours(2));
        assertThat(call("GET", "/api/service/users/current", seeded.secret().reveal(), null)
                        .status())
                .as("expired an hour ago")
                .isEqualTo(401);

        atlan.reset();

        assertThat(atlan.tokenCount()).isEqualTo(1);
        assertThat(atlan.tokenGuids("seeded")).containsExactly(seeded.guid());
        assertThat(atlan.personasOf(seeded.guid())).contains(List.of(P1));
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe");
        assertThat(atlan.requests()).isEmpty();
        assertThat(call("GET", "/api/service/users/current", madeSecret, null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/api/service/users/current", seeded.secret().reveal(), null)
                        .status())
                .as("the clock went back too")
                .isEqualTo(200);
        Answer listed = lookup("jdoe-bearer", "id", seeded.guid());
        assertThat(listed.json().has("totalRecord")).isTrue();
        assertThat(listed.json()
                        .get("records")
                        .get(0)
                        .get("attributes")
                        .get("createdAt")
                        .isTextual())
                .isTrue();
        assertThat(create("jdoe-bearer", "after-reset", List.of(), 100L)
                        .json()
                        .get("attributes")
                        .get("createdAt")
                        .isNumber())
                .as("numbersAsStrings is back to each endpoint's own encoding")
                .isTrue();
    }

    private static Map<String, Object> search(String guid, String attribute) {
        return Map.of(
                "dsl",
                Map.of(
                        "query",
                        Map.of(
                                "bool",
                                Map.of(
                                        "filter",
                                        List.of(
                                                Map.of("term", Map.of("__state", Map.of("value", "ACTIVE"))),
                                                Map.of("term", Map.of("__guid", Map.of("value", guid))))))),
                "attributes",
                List.of(attribute));
    }

    private static Map<String, Object> save(String typeName, String qualifiedName, String key, List<?> users) {
        return Map.of(
                "entities",
                List.of(Map.of(
                        "typeName",
                        typeName,
                        "guid",
                        "-123",
                        "attributes",
                        Map.of("qualifiedName", qualifiedName, "name", "prod-snowflake", key, users))));
    }
}
