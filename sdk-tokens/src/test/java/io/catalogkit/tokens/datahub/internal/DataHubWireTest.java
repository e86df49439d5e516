package io.catalogkit.tokens.datahub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalogkit.core.internal.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GraphQL request body: documents quoted once, written exactly as Jackson writes any string. */
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
}
