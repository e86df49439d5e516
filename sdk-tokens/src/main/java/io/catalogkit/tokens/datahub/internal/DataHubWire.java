package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * DataHub's GraphQL wire shapes: the request bodies Jackson writes, and the token metadata read from
 * answers (with {@code Json}'s lenient reader, like every answer). Those that carry a token value
 * redact it from {@code toString()}.
 */
public final class DataHubWire {
    private DataHubWire() {}

    /**
     * A GraphQL request body.
     *
     * @param query the document
     * @param variables the variables object
     * @param operationName the operation to run
     */
    public record GraphQlRequest(
            @JsonSerialize(using = QuotedOnce.class) String query, Object variables, String operationName) {
        @Override
        public String toString() {
            return "GraphQlRequest[operationName=" + operationName + "]";
        }
    }

    /**
     * Writes a GraphQL document as a JSON string quoted once per document, not per request: the
     * documents are the constants of {@link DataHubApi}, a few hundred characters each. Any other
     * text (beyond {@link #MAX_CACHED} distinct ones) is quoted as usual.
     */
    static final class QuotedOnce extends StdSerializer<String> {
        private static final long serialVersionUID = 1L;
        static final int MAX_CACHED = 64;
        private static final ConcurrentMap<String, SerializableString> QUOTED = new ConcurrentHashMap<>();

        QuotedOnce() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            SerializableString quoted = QUOTED.get(value);
            if (quoted == null) {
                if (QUOTED.size() >= MAX_CACHED) {
                    gen.writeString(value);
                    return;
                }
                quoted = QUOTED.computeIfAbsent(value, SerializedString::new);
            }
            gen.writeString(quoted);
        }
    }

    /**
     * {@code CreateAccessTokenInput}.
     *
     * @param type always {@code PERSONAL}
     * @param actorUrn whom the token acts as
     * @param duration an {@code AccessTokenDuration} name, or null (then left out)
     * @param name the token's name
     * @param description its description, or null (then left out)
     * @param durationIso an ISO-8601 lifetime instead of {@code duration} (newer servers only), or
     *     null (then left out)
     */
    public record CreateAccessTokenInput(
            String type, String actorUrn, String duration, String name, String description, String durationIso) {
        /**
         * An input with an {@code AccessTokenDuration}, valid on every server.
         *
         * @param type the token type
         * @param actorUrn whom the token acts as
         * @param duration an {@code AccessTokenDuration} name
         * @param name the token's name
         * @param description its description, or null
         */
        public CreateAccessTokenInput(String type, String actorUrn, String duration, String name, String description) {
            this(type, actorUrn, duration, name, description, null);
        }
    }

    /**
     * {@code ListAccessTokenInput}.
     *
     * @param start the offset
     * @param count the page size
     * @param filters the filters, or null (then left out)
     */
    public record ListAccessTokenInput(Integer start, Integer count, List<FacetFilterInput> filters) {}

    /**
     * {@code FacetFilterInput}: equality with any of {@code values} (never the singular {@code
     * value} of old docs, which current servers reject).
     *
     * @param field the field, e.g. {@code ownerUrn}
     * @param values the values
     */
    public record FacetFilterInput(String field, List<String> values) {}

    /**
     * Variables {@code {"input": ...}}.
     *
     * @param input the input object
     */
    public record InputVariables(Object input) {}

    /**
     * Variables {@code {"tokenId": ...}}.
     *
     * @param tokenId the token's id
     */
    public record TokenIdVariables(String tokenId) {}

    /**
     * Variables {@code {"token": ...}}: a token value, redacted from {@code toString()}.
     *
     * @param token the raw token
     */
    public record TokenVariables(String token) {
        @Override
        public String toString() {
            return "TokenVariables[token=redacted]";
        }
    }

    /**
     * {@code AccessTokenMetadata}, the fields the documents select.
     *
     * @param id the token's id (salted hash)
     * @param urn the token's urn
     * @param actorUrn whom it acts as
     * @param ownerUrn who created it
     * @param name its name
     * @param description its description
     * @param createdAt epoch ms
     * @param expiresAt epoch ms, or null for never
     */
    public record TokenMetadata(
            String id,
            String urn,
            String actorUrn,
            String ownerUrn,
            String name,
            String description,
            Long createdAt,
            Long expiresAt) {}

    /**
     * {@code CreateServiceAccountInput}.
     *
     * @param displayName the display name, or null (then left out)
     * @param description the description, or null (then left out)
     */
    public record CreateServiceAccountInput(String displayName, String description) {}

    /**
     * {@code ListServiceAccountsInput}.
     *
     * @param start the offset
     * @param count the page size
     * @param query the search text, or null (then left out)
     */
    public record ListServiceAccountsInput(Integer start, Integer count, String query) {}

    /**
     * Variables {@code {"urn": ...}}.
     *
     * @param urn the urn
     */
    public record UrnVariables(String urn) {}
}
