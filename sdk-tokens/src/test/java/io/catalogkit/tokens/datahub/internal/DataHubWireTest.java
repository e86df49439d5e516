package io.catalogkit.tokens.datahub.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.datahub.ServiceAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The wire: the GraphQL request body (documents quoted once, written exactly as Jackson writes any
 * string), the lifetime's ISO text, and the lenient reader of answers into models.
 */
class DataHubWireTest {
    static final String AWKWARD = "query q($a: String!) {\n\tf(a: $a) { \"quoted\" back\\slash é \u2028 \u0001 }\n}";

    static JsonNode expected(String document) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("query", document);
        o.putObject("variables").put("k", "v");
        o.put("operationName", "op");
        return o;
    }

    static String written(String document) throws Exception {
        return Json.MAPPER.writeValueAsString(new DataHubWire.GraphQlRequest(document, Map.of("k", "v"), "op"));
    }

    @Test
    void aDocumentIsWrittenAsAnyStringTheFirstTimeAndEveryTimeAfter() throws Exception {
        String first = written(AWKWARD);
        String again = written(AWKWARD);
        assertThat(again).isEqualTo(first);
        assertThat(Json.MAPPER.readTree(first)).isEqualTo(expected(AWKWARD));
        assertThat(first).startsWith("{\"query\":" + Json.MAPPER.writeValueAsString(AWKWARD) + ",");
    }

    @Test
    void theShippedDocumentsAndManyOthersAreAllWrittenRightBeyondTheCache() throws Exception {
        for (String d : new String[] {DataHubApi.LIST, DataHubApi.CREATE, DataHubApi.REVOKE}) {
            assertThat(Json.MAPPER.readTree(written(d))).isEqualTo(expected(d));
        }
        for (int i = 0; i < DataHubWire.QuotedOnce.MAX_CACHED * 2; i++) {
            String d = AWKWARD + " #" + i;
            assertThat(Json.MAPPER.readTree(written(d))).isEqualTo(expected(d));
        }
    }

    static final Function<String, MalformedResponseException> MALFORMED = MalformedResponseException::new;

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void aLifetimeIsWrittenInWholeDaysWhereItIsWholeDays() {
        assertThat(DataHubWire.iso(Duration.ofDays(30))).isEqualTo("P30D");
        assertThat(DataHubWire.iso(Duration.ofHours(36))).isEqualTo("PT36H");
        assertThat(DataHubWire.iso(Duration.ofDays(1).plusMillis(1))).isEqualTo("PT24H0.001S");
    }

    @Test
    void metadataReadsTimesAsNumbersOrNumericStringsAndScalarsAsText() throws Exception {
        DataHubWire.TokenMetadata m = DataHubWire.metadata(
                MALFORMED,
                json("{\"id\": \"i\", \"actorUrn\": \"urn:li:corpuser:a\", \"name\": 7,"
                        + " \"createdAt\": \"1732320000000\", \"expiresAt\": 1734912000000}"),
                "data.x");
        assertThat(m)
                .isEqualTo(new DataHubWire.TokenMetadata(
                        "i", null, "urn:li:corpuser:a", null, "7", null, 1732320000000L, 1734912000000L));
        assertThat(DataHubWire.metadata(MALFORMED, null, "data.x")).isNull();
        assertThat(DataHubWire.metadata(MALFORMED, json("null"), "data.x")).isNull();
    }

    @Test
    void aTimeOrNodeOfAnotherShapeDoesNotFitAndSaysWhere() throws Exception {
        assertThatThrownBy(() ->
                        DataHubWire.metadata(MALFORMED, json("{\"id\": \"i\", \"expiresAt\": \"soon\"}"), "data.x"))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("data.x.expiresAt")
                .hasMessageNotContaining("soon");
        assertThatThrownBy(() -> DataHubWire.metadata(MALFORMED, json("[1]"), "data.x"))
                .hasMessage("data.x as an object");
    }

    @Test
    void aTokenIsExpiredFromItsExpiryOnAndActiveBefore() {
        Instant now = Instant.parse("2024-11-23T00:00:00Z");
        DataHubWire.TokenMetadata m = new DataHubWire.TokenMetadata(
                "i", "u", "urn:li:corpuser:a", "urn:li:corpuser:o", "n", "d", 1L, now.toEpochMilli());
        AccessToken atExpiry = DataHubWire.toModel(m, Secret.of("s3cret-value"), now);
        assertThat(atExpiry.getStatus()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(atExpiry.getSecret()).isPresent();
        assertThat(atExpiry.getOwner()).contains("urn:li:corpuser:o");
        assertThat(atExpiry.getActor()).contains("urn:li:corpuser:a");
        assertThat(atExpiry.getCreatedAt()).contains(Instant.ofEpochMilli(1));
        assertThat(DataHubWire.toModel(m, null, now.minusMillis(1)).getStatus()).isEqualTo(TokenStatus.ACTIVE);
        DataHubWire.TokenMetadata never = new DataHubWire.TokenMetadata("i", null, null, null, null, null, null, null);
        assertThat(DataHubWire.toModel(never, null, now).getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(DataHubWire.toModel(never, null, now).getExpiresAt()).isEmpty();
    }

    @Test
    void anAccountNeedsAUrnAndAName() throws Exception {
        ServiceAccount a = DataHubWire.account(
                MALFORMED,
                json("{\"urn\": \"urn:li:corpuser:svc\", \"name\": \"svc\", \"displayName\": \"Svc\","
                        + " \"createdBy\": \"urn:li:corpuser:datahub\", \"createdAt\": 5}"),
                "data.a");
        assertThat(a.getUrn()).isEqualTo("urn:li:corpuser:svc");
        assertThat(a.getDisplayName()).contains("Svc");
        assertThat(a.getCreatedAt()).contains(Instant.ofEpochMilli(5));
        assertThat(DataHubWire.account(MALFORMED, json("{\"urn\": \" \", \"name\": \"svc\"}"), "data.a"))
                .isNull();
        assertThat(DataHubWire.account(MALFORMED, json("{\"urn\": \"urn:li:corpuser:svc\"}"), "data.a"))
                .isNull();
        assertThatThrownBy(() -> DataHubWire.account(MALFORMED, json("\"svc\""), "data.a"))
                .hasMessage("data.a as an object");
    }
}
