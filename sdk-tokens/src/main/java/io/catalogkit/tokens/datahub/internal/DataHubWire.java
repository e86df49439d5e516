package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.datahub.ServiceAccount;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * DataHub's GraphQL wire shapes: the request bodies Jackson writes (those that carry a token value
 * redact it from {@code toString()}), and the lenient reader of answers into models ({@code Json}'s,
 * like every answer's: texts may be any scalar, times epoch milliseconds as numbers or numeric
 * strings). Pure: no HTTP; a reader says what did not fit through the {@code malformed} it is given
 * (the answer's own, {@code answer::malformed}).
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

    /**
     * ISO-8601 as DataHub's allowed list writes it: whole days as {@code P30D}.
     *
     * @param d a lifetime
     * @return its text for {@code durationIso}
     */
    static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    /**
     * Reads {@code AccessTokenMetadata}; a time of another shape does not fit.
     *
     * @param malformed makes the exception for what did not fit
     * @param node the node, may be null
     * @param where its path in the answer, for messages
     * @return the metadata, or null for a null or absent node
     * @throws MalformedResponseException when the node is not an object or a time does not fit
     */
    static TokenMetadata metadata(Function<String, MalformedResponseException> malformed, JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw malformed.apply(where + " as an object");
        }
        return new TokenMetadata(
                Json.text(node.get("id")),
                Json.text(node.get("urn")),
                Json.text(node.get("actorUrn")),
                Json.text(node.get("ownerUrn")),
                Json.text(node.get("name")),
                Json.text(node.get("description")),
                millis(malformed, node, "createdAt", where),
                millis(malformed, node, "expiresAt", where));
    }

    /**
     * Reads a time in epoch milliseconds.
     *
     * @param malformed makes the exception for what did not fit
     * @param node the object holding it
     * @param field its field
     * @param where the object's path in the answer, for messages
     * @return the milliseconds, or null when absent or null
     * @throws MalformedResponseException when it is not a whole number
     */
    static Long millis(
            Function<String, MalformedResponseException> malformed, JsonNode node, String field, String where) {
        JsonNode v = Json.field(node, field);
        if (v == null) {
            return null;
        }
        Long ms = Json.longValue(v);
        if (ms == null) {
            throw malformed.apply("JSON of the expected shape (field '" + where + "." + field + "' did not fit)");
        }
        return ms;
    }

    /**
     * The model of a token: expired when its expiry is not after {@code now}, else active.
     *
     * @param m its metadata
     * @param secret its value, or null when the answer did not carry it
     * @param now the time now
     * @return the token
     */
    static AccessToken toModel(TokenMetadata m, Secret secret, Instant now) {
        Instant expiresAt = m.expiresAt() == null ? null : Instant.ofEpochMilli(m.expiresAt());
        boolean expired = expiresAt != null && !expiresAt.isAfter(now);
        return AccessToken.builder()
                .id(m.id())
                .name(m.name())
                .description(m.description())
                .secret(secret)
                .owner(m.ownerUrn())
                .actor(m.actorUrn())
                .createdAt(m.createdAt() == null ? null : Instant.ofEpochMilli(m.createdAt()))
                .expiresAt(expiresAt)
                .status(expired ? TokenStatus.EXPIRED : TokenStatus.ACTIVE)
                .build();
    }

    /**
     * Reads a service account.
     *
     * @param malformed makes the exception for what did not fit
     * @param node the node, may be null
     * @param where its path in the answer, for messages
     * @return the account, or null for a null or absent node or one without a urn or name
     * @throws MalformedResponseException when the node is not an object or its time does not fit
     */
    static ServiceAccount account(Function<String, MalformedResponseException> malformed, JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw malformed.apply(where + " as an object");
        }
        String urn = Json.text(node.get("urn"));
        String name = Json.text(node.get("name"));
        if (urn == null || urn.isBlank() || name == null) {
            return null;
        }
        Long createdAt = millis(malformed, node, "createdAt", where);
        return ServiceAccount.builder()
                .urn(urn)
                .name(name)
                .displayName(Json.text(node.get("displayName")))
                .description(Json.text(node.get("description")))
                .createdBy(Json.text(node.get("createdBy")))
                .createdAt(createdAt == null ? null : Instant.ofEpochMilli(createdAt))
                .build();
    }
}
