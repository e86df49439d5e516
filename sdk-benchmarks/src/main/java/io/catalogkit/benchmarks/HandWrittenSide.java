package io.catalogkit.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The same operations written by hand, the way a user would without catalogkit: one OkHttp client,
 * one Jackson mapper, the URL built per call, a tree (Atlan) or a small DTO (Alation, DataHub) for
 * the answer, and the same fields catalogkit reads. No retries, no request id, no error mapping
 * beyond "not 2xx is an error": that is the floor catalogkit is measured against.
 */
final class HandWrittenSide implements Side {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** The GraphQL document DataHub's token list takes (contract 4.2). */
    static final String LIST_ACCESS_TOKENS = """
            query listAccessTokens($input: ListAccessTokenInput!) {
              listAccessTokens(input: $input) {
                start count total tokens { id urn actorUrn ownerUrn name description createdAt expiresAt }
              }
            }""";

    private final Target target;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final HttpUrl atlan;
    private final HttpUrl alation;
    private final HttpUrl dataHub;
    private final HttpUrl tables;

    HandWrittenSide(Target target, OkHttpClient http) {
        this(
                target,
                http,
                JsonMapper.builder()
                        .addModule(new JavaTimeModule())
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build());
    }

    /**
     * With a mapper of the caller's: the cold-start program, which reads only Atlan's answer,
     * passes a plain one, as a user writing just that call would.
     */
    HandWrittenSide(Target target, OkHttpClient http, ObjectMapper mapper) {
        this.target = target;
        this.http = http;
        this.mapper = mapper;
        this.atlan = HttpUrl.get(target.atlanUrl());
        this.alation = HttpUrl.get(target.alationUrl());
        this.dataHub = HttpUrl.get(target.dataHubUrl());
        this.tables = tablesUrl(target.alationUrl());
    }

    static HttpUrl tablesUrl(String alationUrl) {
        return HttpUrl.get(alationUrl)
                .newBuilder()
                .addPathSegments("integration/v2/table/")
                .addQueryParameter("limit", "1")
                .build();
    }

    // ------------------------------------------------------------------ Atlan

    /**
     * An Atlan API token, as a user would keep it.
     *
     * @param guid the GUID
     * @param clientId the client id
     * @param displayName the display name
     * @param description the description, or null
     * @param personas the persona qualified names
     * @param validitySeconds the lifespan, or null
     * @param createdAt when it was created, or null
     * @param createdBy who created it
     */
    record AtlanToken(
            String guid,
            String clientId,
            String displayName,
            String description,
            Set<String> personas,
            Long validitySeconds,
            Instant createdAt,
            String createdBy) {}

    /**
     * A page of Atlan API tokens.
     *
     * @param tokens the tokens
     * @param total how many exist
     * @param hasNext whether another page follows
     */
    record AtlanPage(List<AtlanToken> tokens, int total, boolean hasNext) {}

    @Override
    public AtlanToken atlanGetByGuid() {
        String guid = target.atlanGuid();
        String filter = write(Map.of("id", guid));
        HttpUrl url = atlanList(0, 100).addQueryParameter("filter", filter).build();
        for (JsonNode record : atlanGet(url).path("records")) {
            if (guid.equals(record.path("id").asText())) {
                return atlanToken(record);
            }
        }
        throw new IllegalStateException("no API token with that GUID");
    }

    @Override
    public AtlanPage atlanList() {
        int offset = 0;
        int limit = Canned.PAGE_SIZE;
        JsonNode body = atlanGet(atlanList(offset, limit).build());
        List<AtlanToken> tokens = new ArrayList<>();
        for (JsonNode record : body.path("records")) {
            tokens.add(atlanToken(record));
        }
        int total = body.path("filterRecord").asInt();
        return new AtlanPage(tokens, total, offset + tokens.size() < total);
    }

    private HttpUrl.Builder atlanList(int offset, int limit) {
        return atlan.newBuilder()
                .addPathSegments("api/service/apikeys")
                .addQueryParameter("limit", Integer.toString(limit))
                .addQueryParameter("offset", Integer.toString(offset))
                .addQueryParameter("sort", "-createdAt")
                .addQueryParameter("count", "true");
    }

    private JsonNode atlanGet(HttpUrl url) {
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + target.atlanKey().reveal())
                .header("Accept", "application/json")
                .build();
        return execute(request, JsonNode.class);
    }

    private AtlanToken atlanToken(JsonNode record) {
        JsonNode attributes = record.path("attributes");
        JsonNode personaNode = attributes.path("personaQualifiedName");
        Set<String> personas = new LinkedHashSet<>();
        try {
            JsonNode list = personaNode.isTextual() ? mapper.readTree(personaNode.asText()) : personaNode;
            for (JsonNode p : list) {
                personas.add(
                        p.isTextual()
                                ? p.asText()
                                : p.path("personaQualifiedName").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String description = attributes.path("description").asText(null);
        return new AtlanToken(
                record.path("id").asText(),
                record.path("clientId").asText(),
                record.path("displayName").asText(),
                description == null || description.isEmpty() ? null : description,
                personas,
                attributes.hasNonNull("access.token.lifespan")
                        ? attributes.get("access.token.lifespan").asLong()
                        : null,
                attributes.hasNonNull("createdAt")
                        ? Instant.ofEpochMilli(attributes.get("createdAt").asLong())
                        : null,
                attributes.path("createdBy").asText(null));
    }

    // ------------------------------------------------------------------ Alation

    /**
     * The body of Alation's token endpoints.
     *
     * @param refreshToken the refresh token
     * @param userId its owner
     */
    record RefreshTokenBody(
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("user_id") long userId) {}

    /**
     * Alation's refresh-token object, without its value.
     *
     * @param userId the owner
     * @param name the name
     * @param createdAt when it was created
     * @param expiresAt when it expires
     * @param lastUsedAt when it last minted, or null
     * @param status {@code ACTIVE} or {@code EXPIRED}
     */
    record AlationRefreshToken(
            @JsonProperty("user_id") long userId,
            @JsonProperty("name") String name,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("token_expires_at") Instant expiresAt,
            @JsonProperty("last_used_at") Instant lastUsedAt,
            @JsonProperty("token_status") String status) {}

    @Override
    public AlationRefreshToken alationValidate() {
        HttpUrl url = alation.newBuilder()
                .addPathSegments("integration/v1/validateRefreshToken/")
                .build();
        byte[] body = writeBytes(new RefreshTokenBody(target.refreshToken().reveal(), target.alationUserId()));
        Request request = new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .post(RequestBody.create(body, JSON))
                .build();
        return execute(request, AlationRefreshToken.class);
    }

    @Override
    public Integer alationDataCall() {
        Request request = new Request.Builder()
                .url(tables)
                .header("TOKEN", target.alationAccessToken().reveal())
                .build();
        try (Response response = http.newCall(request).execute()) {
            return bodySize(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Integer bodySize(Response response) throws IOException {
        if (!response.isSuccessful()) {
            throw new IOException("HTTP " + response.code());
        }
        return response.body().bytes().length;
    }

    // ------------------------------------------------------------------ DataHub

    /**
     * A GraphQL request.
     *
     * @param query the document
     * @param variables the variables
     * @param operationName the operation
     */
    record GraphQlRequest(String query, Object variables, String operationName) {}

    /**
     * The answer to {@code listAccessTokens}.
     *
     * @param data the data, or null
     * @param errors the errors, or null
     */
    record ListAnswer(ListData data, List<JsonNode> errors) {}

    /**
     * Its {@code data}.
     *
     * @param listAccessTokens the result
     */
    record ListData(TokenList listAccessTokens) {}

    /**
     * A page of DataHub access tokens.
     *
     * @param start the offset
     * @param count the page size asked for
     * @param total how many match
     * @param tokens the tokens
     */
    record TokenList(int start, int count, int total, List<DataHubToken> tokens) {}

    /**
     * A DataHub access token's metadata.
     *
     * @param id its id
     * @param urn its urn
     * @param actorUrn whom it acts as
     * @param ownerUrn who owns it
     * @param name its name
     * @param description its description, or null
     * @param createdAt epoch ms
     * @param expiresAt epoch ms, or null for never
     */
    record DataHubToken(
            String id,
            String urn,
            String actorUrn,
            String ownerUrn,
            String name,
            String description,
            Long createdAt,
            Long expiresAt) {}

    @Override
    public TokenList dataHubList() {
        Map<String, Object> input = Map.of(
                "start",
                0,
                "count",
                Canned.PAGE_SIZE,
                "filters",
                List.of(Map.of("field", "ownerUrn", "values", List.of(target.dataHubOwner()))));
        byte[] body = writeBytes(new GraphQlRequest(LIST_ACCESS_TOKENS, Map.of("input", input), "listAccessTokens"));
        Request request = new Request.Builder()
                .url(dataHub.newBuilder().addPathSegments("api/graphql").build())
                .header("Authorization", "Bearer " + target.dataHubToken().reveal())
                .header("Accept", "application/json")
                .post(RequestBody.create(body, JSON))
                .build();
        ListAnswer answer = execute(request, ListAnswer.class);
        if (answer.errors() != null && !answer.errors().isEmpty()) {
            throw new IllegalStateException("DataHub answered with errors");
        }
        return answer.data().listAccessTokens();
    }

    // ------------------------------------------------------------------ plumbing

    private <T> T execute(Request request, Class<T> type) {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException(
                        "HTTP " + response.code() + " from " + request.url().encodedPath());
            }
            return mapper.readValue(response.body().byteStream(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // the OkHttp client is shared and closed by its owner
    }
}
