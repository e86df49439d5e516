package io.catalogkit.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalogkit.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/**
 * The canned answers the {@link Responder} gives: realistic bodies as each platform's wire contract
 * shows them (an Atlan API token lookup and list page, an Alation refresh-token validation and
 * access-token mint, an Alation data answer, a DataHub {@code listAccessTokens} page), so that both
 * catalogkit and the hand-written code parse every field they read.
 */
public final class Canned {
    /** The GUID {@code getByGuid} asks for; the first record of every Atlan answer has it. */
    public static final String ATLAN_GUID = "3f9c2b71-5d0e-4a6b-8c19-7e2d4f6a1b35";
    /** The page size of the list calls, and of the canned list pages. */
    public static final int PAGE_SIZE = 20;
    /** How many Atlan tokens the canned list says exist. */
    public static final int ATLAN_TOTAL = 37;
    /** How many DataHub tokens the canned list says exist. */
    public static final int DATAHUB_TOTAL = 23;
    /** The Alation user who owns the refresh token. */
    public static final long ALATION_USER_ID = 17;
    /** The DataHub owner whose tokens are listed. */
    public static final String DATAHUB_OWNER = "urn:li:corpuser:jdoe";

    /** Route names, to count requests by. */
    public static final String ATLAN_GET_BY_GUID = "atlan getByGuid";
    /** See {@link #ATLAN_GET_BY_GUID}. */
    public static final String ATLAN_LIST = "atlan list";
    /** See {@link #ATLAN_GET_BY_GUID}. */
    public static final String ALATION_VALIDATE = "alation validateRefreshToken";
    /** See {@link #ATLAN_GET_BY_GUID}. */
    public static final String ALATION_MINT = "alation createAPIAccessToken";
    /** See {@link #ATLAN_GET_BY_GUID}. */
    public static final String ALATION_DATA = "alation table";
    /** See {@link #ATLAN_GET_BY_GUID}. */
    public static final String DATAHUB_LIST = "datahub listAccessTokens";

    /**
     * The system property that makes {@link #responder()} serve HTTPS: {@code true}, or {@code
     * false} or unset for plain HTTP.
     */
    public static final String TLS = "catalogkit.bench.tls";

    /** The Alation data path the auth benchmarks call. */
    public static final String ALATION_TABLES = "/integration/v2/table/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REFRESH_TOKEN = "rt-EXAMPLE-7hQ2vN9xLk4pZm8w";
    private static final String ACCESS_TOKEN = "at-EXAMPLE-Vd3kP0sLr6nYq2Hz";
    private static final String[] PERSONAS = {"default/Tq8vNw3LkZp2Rx7Ym4Hc1J", "default/Hk2mPq9XwL4nVz7Rb3Dy8S"};

    private Canned() {}

    /**
     * Starts a responder with every canned answer, over HTTPS when the system property {@value
     * #TLS} is {@code true}.
     *
     * @return the running responder
     * @throws IllegalArgumentException when the property has another value
     */
    public static Responder responder() {
        return responder(tls(System.getProperty(TLS, "")));
    }

    /**
     * Starts a responder with every canned answer.
     *
     * @param tls whether it serves HTTPS (HTTP/1.1) rather than plain HTTP/1.1
     * @return the running responder
     */
    public static Responder responder(boolean tls) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Responder.builder()
                .tls(tls)
                // a lookup sends filter={"id":...}: one record; a plain list: a page
                .json(ATLAN_GET_BY_GUID, "GET", "/api/service/apikeys", "filter=", 200, atlanLookup())
                .json(ATLAN_LIST, "GET", "/api/service/apikeys", 200, atlanListPage())
                .json(ALATION_VALIDATE, "POST", "/integration/v1/validateRefreshToken/", 200, alationValidate())
                .json(ALATION_MINT, "POST", "/integration/v1/createAPIAccessToken/", 201, alationMint(now))
                .json(ALATION_DATA, "GET", ALATION_TABLES, 200, alationTables())
                .json(DATAHUB_LIST, "POST", "/api/graphql", "listAccessTokens", 200, dataHubListPage(now))
                .start();
    }

    /** Whether the value of {@value #TLS} asks for HTTPS. */
    static boolean tls(String value) {
        return switch (value) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw new IllegalArgumentException("-D" + TLS + " must be true, false or unset, was " + value);
        };
    }

    /**
     * The target for a responder: every platform at its base URL, with the canned credentials.
     *
     * @param baseUrl the responder's base URL
     * @return the target
     */
    public static Target target(String baseUrl) {
        return new Target(
                baseUrl,
                Secret.of(atlanKey()),
                ATLAN_GUID,
                baseUrl,
                Secret.of(REFRESH_TOKEN),
                ALATION_USER_ID,
                Secret.of(ACCESS_TOKEN),
                baseUrl,
                Secret.of(dataHubToken()),
                DATAHUB_OWNER);
    }

    /**
     * An Atlan API key shaped like a real one (a JWT).
     *
     * @return the key
     */
    static String atlanKey() {
        return jwt("{\"alg\":\"RS256\"}", "{\"sub\":\"service-account-apikey-b7e4d2a0\",\"typ\":\"Bearer\"}");
    }

    /**
     * A DataHub personal access token shaped as DataHub makes them, expiring in 2100.
     *
     * @return the token
     */
    static String dataHubToken() {
        return jwt(
                "{\"alg\":\"HS256\"}",
                "{\"actorType\":\"USER\",\"actorId\":\"jdoe\",\"type\":\"PERSONAL\",\"version\":\"2\","
                        + "\"jti\":\"2b2b9d1e-9f0c-4b5e-8d0b-6f6c7c1d2e3f\",\"sub\":\"jdoe\",\"exp\":4102444800,"
                        + "\"iss\":\"datahub-metadata-service\"}");
    }

    private static String jwt(String header, String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[32];
        new Random(7).nextBytes(signature);
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
    }

    // ------------------------------------------------------------------ Atlan (contract T1)

    static String atlanLookup() {
        ObjectNode body = NODES.objectNode().put("totalRecord", ATLAN_TOTAL).put("filterRecord", 1);
        body.putArray("records").add(atlanRecord(0));
        return body.toString();
    }

    static String atlanListPage() {
        ObjectNode body = NODES.objectNode().put("totalRecord", ATLAN_TOTAL).put("filterRecord", ATLAN_TOTAL);
        ArrayNode records = body.putArray("records");
        for (int i = 0; i < PAGE_SIZE; i++) {
            records.add(atlanRecord(i));
        }
        return body.toString();
    }

    /** Record {@code i} as a list answer carries it: numbers as strings, personas as an encoded list. */
    private static ObjectNode atlanRecord(int i) {
        Random random = new Random(1000 + i);
        String guid = i == 0 ? ATLAN_GUID : new UUID(random.nextLong(), random.nextLong()).toString();
        String clientId = "apikey-" + new UUID(random.nextLong(), random.nextLong());
        String name = i == 0 ? "nightly-sync" : "integration-" + i;
        ArrayNode personas = NODES.arrayNode();
        for (int p = 0; p < (i + 1) % 3; p++) {
            personas.add(PERSONAS[p]);
        }
        ObjectNode record =
                NODES.objectNode().put("id", guid).put("clientId", clientId).put("displayName", name);
        record.putObject("attributes")
                .put("clientId", clientId)
                .put("displayName", name)
                .put("description", i % 2 == 0 ? "" : "token for integration " + i)
                .put("createdAt", Long.toString(1735689600000L - i * 86_400_000L))
                .put("createdBy", "jdoe")
                .put("access.token.lifespan", "157680000")
                .put("personaQualifiedName", personas.toString())
                .put("workspacePermissions", "[]");
        return record;
    }

    // ------------------------------------------------------------------ Alation (contract R2, P1, D)

    static String alationValidate() {
        return NODES.objectNode()
                .put("user_id", ALATION_USER_ID)
                .put("created_at", "2025-03-04T09:15:27.401266Z")
                .put("token_expires_at", "2099-05-03T09:15:27.400981Z")
                .put("token_status", "ACTIVE")
                .put("last_used_at", "2025-03-04T09:20:02.118530Z")
                .put("name", "catalogkit-ci")
                .put("refresh_token", REFRESH_TOKEN)
                .toString();
    }

    /** A mint answer valid for a day from {@code now}, as the server stamps it. */
    static String alationMint(Instant now) {
        return NODES.objectNode()
                .put("user_id", ALATION_USER_ID)
                .put("created_at", now.toString())
                .put("token_expires_at", now.plus(Duration.ofHours(24)).toString())
                .put("token_status", "ACTIVE")
                .put("api_access_token", ACCESS_TOKEN)
                .toString();
    }

    /** A page of {@code GET /integration/v2/table/?limit=1}: one table. */
    static String alationTables() {
        ArrayNode tables = NODES.arrayNode();
        tables.addObject()
                .put("id", 7)
                .put("name", "orders")
                .put("title", "Orders")
                .put("description", "One row per order")
                .put("ds_id", 1)
                .put("key", "1.public.orders")
                .put("url", "/table/7/")
                .put("schema_id", 3)
                .put("table_type", "TABLE");
        return tables.toString();
    }

    // ------------------------------------------------------------------ DataHub (contract 4.2)

    static String dataHubListPage(Instant now) {
        ObjectNode body = NODES.objectNode();
        ObjectNode list = body.putObject("data").putObject("listAccessTokens");
        list.put("start", 0).put("count", PAGE_SIZE).put("total", DATAHUB_TOTAL);
        ArrayNode tokens = list.putArray("tokens");
        long created = 1732320000000L;
        for (int i = 0; i < PAGE_SIZE; i++) {
            byte[] hash = new byte[32];
            new Random(2000 + i).nextBytes(hash);
            String id = Base64.getEncoder().encodeToString(hash);
            ObjectNode t = tokens.addObject()
                    .put("id", id)
                    .put("urn", "urn:li:dataHubAccessToken:" + id)
                    .put("actorUrn", DATAHUB_OWNER)
                    .put("ownerUrn", DATAHUB_OWNER)
                    .put("name", i == 0 ? "catalogkit-ci" : "token-" + i);
            if (i % 2 == 0) {
                t.put("description", "nightly ingestion");
            } else {
                t.putNull("description");
            }
            t.put("createdAt", created - i * 86_400_000L);
            if (i % 5 == 4) {
                t.putNull("expiresAt");
            } else if (i % 5 == 3) {
                t.put("expiresAt", created - i * 86_400_000L + 3_600_000L); // expired long ago
            } else {
                t.put("expiresAt", now.plus(Duration.ofDays(30 + i)).toEpochMilli());
            }
        }
        body.putObject("extensions");
        return body.toString();
    }
}
