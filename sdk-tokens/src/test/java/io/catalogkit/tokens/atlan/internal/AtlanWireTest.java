package io.catalogkit.tokens.atlan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.ApiToken;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtlanWireTest {
    private static final String GUID = "3f9c2b71-5d0e-4a6b-8c19-7e2d4f6a1b35";
    private static final String CLIENT = "apikey-b7e4d2a0-91c3-4f58-a6d2-0c8e5f1b3a97";
    private static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    private static final String P2 = "default/Hk2mPq9XwL4nVz7Rb3Dy8S";

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void readsTheListRecordWithStringNumbersAndAnEncodedPersonaList() throws Exception {
        ApiToken t = AtlanWire.token(json("{'id': '" + GUID + "', 'clientId': '" + CLIENT + "',"
                + " 'displayName': 'nightly-sync', 'attributes': {'clientId': '" + CLIENT + "',"
                + " 'displayName': 'nightly-sync', 'description': '', 'createdAt': '1735689600000',"
                + " 'createdBy': 'jdoe', 'access.token.lifespan': '157680000',"
                + " 'personaQualifiedName': '[\\'" + P1 + "\\']', 'workspacePermissions': '[]'}}"));
        assertThat(t.getGuid()).isEqualTo(GUID);
        assertThat(t.getClientId()).isEqualTo(CLIENT);
        assertThat(t.getDisplayName()).isEqualTo("nightly-sync");
        assertThat(t.getDescription()).isEmpty();
        assertThat(t.getPersonaQualifiedNames()).containsExactly(P1);
        assertThat(t.getAccessToken()).isEmpty();
        assertThat(t.getValiditySeconds()).contains(157_680_000L);
        assertThat(t.getCreatedAt()).contains(Instant.ofEpochMilli(1_735_689_600_000L));
        assertThat(t.getCreatedBy()).contains("jdoe");
        assertThat(t.getExpiresAt())
                .contains(Instant.ofEpochMilli(1_735_689_600_000L).plusSeconds(157_680_000L));
        assertThat(t.getServiceAccountUsername()).isEqualTo("service-account-" + CLIENT);
    }

    @Test
    void readsTheCreateAnswerWithNumbersPersonaObjectsAndTheSecret() throws Exception {
        ApiToken t = AtlanWire.token(json("{'id': '" + GUID + "', 'clientId': '" + CLIENT + "',"
                + " 'displayName': 'nightly-sync', 'attributes': {'description': 'dbt', 'createdAt': 1735689600000,"
                + " 'access.token.lifespan': 157680000, 'accessToken': 'eyJhbGciOiJSUzI1NiJ9.example.signature',"
                + " 'personaQualifiedName': [{'id': '8d2e', 'persona': 'Data Engineers',"
                + " 'personaQualifiedName': '" + P1 + "'}], 'workspacePermissions': []}}"));
        assertThat(t.getAccessToken()).isPresent();
        assertThat(t.getAccessToken().get().reveal()).isEqualTo("eyJhbGciOiJSUzI1NiJ9.example.signature");
        assertThat(t.toString()).doesNotContain("eyJ");
        assertThat(t.getDescription()).contains("dbt");
        assertThat(t.getPersonaQualifiedNames()).containsExactly(P1);
        assertThat(t.getValiditySeconds()).contains(157_680_000L);
    }

    @Test
    void takesNamesFromAttributesWhenTheTopLevelLacksThem() throws Exception {
        ApiToken t = AtlanWire.token(json("{'id': '" + GUID + "', 'attributes': {'clientId': '" + CLIENT
                + "', 'displayName': 'n', 'personaQualifiedName': ['" + P1 + "', '" + P2 + "', null]}}"));
        assertThat(t.getClientId()).isEqualTo(CLIENT);
        assertThat(t.getDisplayName()).isEqualTo("n");
        assertThat(t.getPersonaQualifiedNames()).containsExactly(P1, P2);
        assertThat(t.getServiceAccountUsername()).isEqualTo("service-account-" + CLIENT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{'id':'x','persona':'A','personaQualifiedName':'" + P1 + "'},{'personaQualifiedName':'" + P2 + "'}]",
                "['" + P1 + "','" + P2 + "']",
                "'[\\'" + P1 + "\\',\\'" + P2 + "\\']'",
                "'[{\\'personaQualifiedName\\':\\'" + P1 + "\\'},{\\'personaQualifiedName\\':\\'" + P2 + "\\'}]'"
            })
    void readsEveryPersonaListEncoding(String encoded) throws Exception {
        assertThat(AtlanWire.personas(json(encoded))).containsExactly(P1, P2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "''", "'null'", "[]", "'[]'", "'null '", "[null]"})
    void readsEmptyPersonaLists(String encoded) throws Exception {
        assertThat(AtlanWire.personas(json(encoded))).isEmpty();
        assertThat(AtlanWire.personas(null)).isEmpty();
        assertThat(AtlanWire.personas(json("{}").path("missing"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'default/x'", "42", "{'a':1}", "[42]", "[{'persona':'A'}]", "'{\\'a\\':1}'"})
    void refusesPersonaListsItCannotReadSafely(String encoded) throws Exception {
        JsonNode node = json(encoded);
        assertThatThrownBy(() -> AtlanWire.personas(node))
                .isInstanceOf(AtlanWire.Malformed.class)
                .hasMessageContaining("personaQualifiedName");
    }

    @Test
    void ignoresDeprecatedPersonasAndWorkspacePermissionsOfAnyShape() throws Exception {
        for (String personas : new String[] {"[{'id':'x','name':'A'}]", "['a']", "'[{}]'", "'garbage'", "7"}) {
            ApiToken t = AtlanWire.token(json("{'id':'g','clientId':'apikey-1','displayName':'n',"
                    + " 'attributes': {'personas': " + personas + ", 'workspacePermissions': " + personas + "}}"));
            assertThat(t.getPersonaQualifiedNames()).isEmpty();
        }
    }

    @Test
    void treatsNullAndUnreadableNumbersAsAbsent() throws Exception {
        ApiToken t = AtlanWire.token(json("{'id':'g','clientId':'apikey-1','displayName':'n','attributes':"
                + " {'createdAt': 'null', 'access.token.lifespan': null, 'accessToken': ' ', 'createdBy': null}}"));
        assertThat(t.getCreatedAt()).isEmpty();
        assertThat(t.getValiditySeconds()).isEmpty();
        assertThat(t.getExpiresAt()).isEmpty();
        assertThat(t.getAccessToken()).isEmpty();
        assertThat(t.getCreatedBy()).isEmpty();
        assertThat(Json.longValue(json("'abc'"))).isNull();
        assertThat(Json.longValue(json("'1.5'"))).isNull();
        assertThat(Json.longValue(json("true"))).isNull();
        assertThat(Json.longValue(json("[1]"))).isNull();
        assertThat(Json.longValue(json("' 157680000 '"))).isEqualTo(157_680_000L);
        assertThat(Json.longValue(json("1.5e3"))).isEqualTo(1500L);
        assertThat(Json.longValue(json("99999999999999999999"))).isNull();
    }

    @Test
    void readsATokenWithoutAttributes() throws Exception {
        ApiToken t = AtlanWire.token(json("{'id':'g','clientId':'apikey-1','displayName':'n'}"));
        assertThat(t.getPersonaQualifiedNames()).isEmpty();
        assertThat(t.getDescription()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'clientId':'apikey-1','displayName':'n'}",
                "{'id':'g','displayName':'n'}",
                "{'id':'g','clientId':'apikey-1'}",
                "{'id':'','clientId':'apikey-1','displayName':'n'}",
                "{'id':{'x':1},'clientId':'apikey-1','displayName':'n'}",
                "[]",
                "'text'"
            })
    void refusesRecordsWithoutRequiredFields(String record) throws Exception {
        JsonNode node = json(record);
        assertThatThrownBy(() -> AtlanWire.token(node)).isInstanceOf(AtlanWire.Malformed.class);
    }

    @Test
    void readsUserListsAsListsOrEncodedLists() throws Exception {
        assertThat(AtlanWire.usernames(json("['a', null, 'b']"), "adminUsers")).containsExactly("a", "b");
        assertThat(AtlanWire.usernames(json("'[\\'a\\']'"), "adminUsers")).containsExactly("a");
        assertThat(AtlanWire.usernames(null, "adminUsers")).isEmpty();
        assertThat(AtlanWire.usernames(json("null"), "adminUsers")).isEmpty();
        for (String bad : new String[] {"[1]", "{}", "'x'", "'{}'", "5"}) {
            JsonNode node = json(bad);
            assertThatThrownBy(() -> AtlanWire.usernames(node, "adminUsers"))
                    .isInstanceOf(AtlanWire.Malformed.class)
                    .hasMessageContaining("adminUsers");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nightly sync", "quote \" and backslash \\", "line\nbreak", "ünïcödé \u2028"})
    void theLookupFilterIsWhatJacksonWritesForTheField(String value) throws Exception {
        assertThat(AtlanWire.filter("displayName", value))
                .isEqualTo(Json.MAPPER.writeValueAsString(java.util.Map.of("displayName", value)));
        assertThat(Json.MAPPER.readTree(AtlanWire.filter("id", value)).get("id").asText())
                .isEqualTo(value);
    }

    @Test
    void theGrantsSearchAsksForEitherUserListOfActiveAssetsInGuidOrder() throws Exception {
        JsonNode body = Json.MAPPER.valueToTree(AtlanWire.findGrants("service-account-apikey-1", 200, 100));
        JsonNode dsl = body.get("dsl");
        assertThat(dsl.get("from").asInt()).isEqualTo(200);
        assertThat(dsl.get("size").asInt()).isEqualTo(100);
        JsonNode bool = dsl.at("/query/bool");
        assertThat(bool)
                .isEqualTo(json("{'filter': ["
                        + "{'term': {'__superTypeNames.keyword': {'value': 'Referenceable'}}},"
                        + "{'term': {'__state': {'value': 'ACTIVE'}}}],"
                        + "'should': ["
                        + "{'term': {'adminUsers': {'value': 'service-account-apikey-1'}}},"
                        + "{'term': {'viewerUsers': {'value': 'service-account-apikey-1'}}}],"
                        + "'minimum_should_match': 1}"));
        assertThat(dsl.get("sort")).isEqualTo(json("[{'__guid': {'order': 'asc'}}]"));
        assertThat(body.get("attributes")).isEqualTo(json("['name', 'adminUsers', 'viewerUsers']"));
    }
}
