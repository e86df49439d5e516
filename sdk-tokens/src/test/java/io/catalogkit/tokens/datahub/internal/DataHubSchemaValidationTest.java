package io.catalogkit.tokens.datahub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import io.catalogkit.core.internal.Json;
import io.catalogkit.testing.FakeDataHub.SchemaBuild;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GraphQL document the SDK sends, checked against DataHub's own schema files (copied into
 * sdk-testing's resources) in both builds: it parses, validates, its variables coerce, and executing
 * it over the contract's example data returns that data. A document that fails here fails the build.
 */
class DataHubSchemaValidationTest {
    private static final String RESOURCES = "/io/catalogkit/testing/datahub/";
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** The two schema builds, as sdk-testing ships them (DataHub's files, copied verbatim). */
    private static final SchemaBuild[] BUILDS = SchemaBuild.values();

    /** One operation: its document, the contract's example variables and data, and what the SDK builds. */
    record Operation(
            String name,
            String document,
            String operationName,
            String exampleVariables,
            String exampleData,
            Object sdkVariables) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String METADATA_JSON = "{\"id\": \"3EkODYg7Kq5nl+L8JbQEOgzxt2SdgCoOqLRQaSZ/m3c=\","
            + " \"urn\": \"urn:li:dataHubAccessToken:3EkODYg7Kq5nl+L8JbQEOgzxt2SdgCoOqLRQaSZ/m3c=\","
            + " \"actorUrn\": \"urn:li:corpuser:jdoe\", \"ownerUrn\": \"urn:li:corpuser:jdoe\", \"name\": \"catalogkit-ci\","
            + " \"description\": \"nightly ingestion\", \"createdAt\": 1732320000000, \"expiresAt\": 1734912000000}";

    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl";

    static List<Operation> operations() {
        return List.of(
                new Operation(
                        "create",
                        DataHubApi.CREATE,
                        DataHubApi.CREATE_OPERATION,
                        "{\"input\": {\"type\": \"PERSONAL\", \"actorUrn\": \"urn:li:corpuser:jdoe\", \"duration\":"
                                + " \"ONE_MONTH\", \"name\": \"catalogkit-ci\", \"description\": \"nightly ingestion\"}}",
                        "{\"createAccessToken\": {\"accessToken\": \"" + JWT + "\", \"metadata\": " + METADATA_JSON
                                + "}}",
                        new DataHubWire.InputVariables(new DataHubWire.CreateAccessTokenInput(
                                "PERSONAL", "urn:li:corpuser:jdoe", "NO_EXPIRY", "n", null))),
                new Operation(
                        "list",
                        DataHubApi.LIST,
                        DataHubApi.LIST_OPERATION,
                        "{\"input\": {\"start\": 0, \"count\": 20, \"filters\": [{\"field\": \"ownerUrn\", \"values\":"
                                + " [\"urn:li:corpuser:jdoe\"]}]}}",
                        "{\"listAccessTokens\": {\"start\": 0, \"count\": 20, \"total\": 2, \"tokens\": ["
                                + METADATA_JSON
                                + ", {\"id\": \"eQbiR37aN3JD443WeLC9ckSxuznQdbDGErnMoNYfISU=\", \"urn\":"
                                + " \"urn:li:dataHubAccessToken:eQbiR37aN3JD443WeLC9ckSxuznQdbDGErnMoNYfISU=\","
                                + " \"actorUrn\": \"urn:li:corpuser:jdoe\", \"ownerUrn\": \"urn:li:corpuser:jdoe\","
                                + " \"name\": \"laptop\", \"description\": null, \"createdAt\": 1730000000000,"
                                + " \"expiresAt\": null}]}}",
                        new DataHubWire.InputVariables(new DataHubWire.ListAccessTokenInput(
                                40,
                                20,
                                List.of(new DataHubWire.FacetFilterInput(
                                        "ownerUrn", List.of("urn:li:corpuser:jdoe")))))),
                new Operation(
                        "list all (admin)",
                        DataHubApi.LIST,
                        DataHubApi.LIST_OPERATION,
                        "{\"input\": {\"start\": 0, \"count\": 20}}",
                        "{\"listAccessTokens\": {\"start\": 0, \"count\": 20, \"total\": 0, \"tokens\": []}}",
                        new DataHubWire.InputVariables(new DataHubWire.ListAccessTokenInput(0, 20, null))),
                new Operation(
                        "revoke",
                        DataHubApi.REVOKE,
                        DataHubApi.REVOKE_OPERATION,
                        "{\"tokenId\": \"3EkODYg7Kq5nl+L8JbQEOgzxt2SdgCoOqLRQaSZ/m3c=\"}",
                        "{\"revokeAccessToken\": true}",
                        new DataHubWire.TokenIdVariables("3EkODYg7Kq5nl+L8JbQEOgzxt2SdgCoOqLRQaSZ/m3c=")),
                new Operation(
                        "metadata",
                        DataHubApi.GET_METADATA,
                        DataHubApi.GET_METADATA_OPERATION,
                        "{\"token\": \"" + JWT + "\"}",
                        "{\"getAccessTokenMetadata\": " + METADATA_JSON + "}",
                        new DataHubWire.TokenVariables(JWT)));
    }

    static final String ACCOUNT_JSON = "{\"urn\": \"urn:li:corpuser:service_ingestion\", \"name\":"
            + " \"service_ingestion\", \"displayName\": \"Ingestion\", \"description\": \"nightly\", \"createdBy\":"
            + " \"urn:li:corpuser:datahub\", \"createdAt\": 1732320000000}";

    /** The service-account operations: Core >= 1.4 only. */
    static List<Operation> serviceAccountOperations() {
        return List.of(
                new Operation(
                        "create service account",
                        DataHubApi.CREATE_SERVICE_ACCOUNT,
                        DataHubApi.CREATE_SERVICE_ACCOUNT_OPERATION,
                        "{\"input\": {\"displayName\": \"Ingestion\", \"description\": \"nightly\"}}",
                        "{\"createServiceAccount\": " + ACCOUNT_JSON + "}",
                        new DataHubWire.InputVariables(new DataHubWire.CreateServiceAccountInput(null, "d"))),
                new Operation(
                        "list service accounts",
                        DataHubApi.LIST_SERVICE_ACCOUNTS,
                        DataHubApi.LIST_SERVICE_ACCOUNTS_OPERATION,
                        "{\"input\": {\"start\": 0, \"count\": 20, \"query\": \"ing\"}}",
                        "{\"listServiceAccounts\": {\"start\": 0, \"count\": 20, \"total\": 1, \"serviceAccounts\": ["
                                + ACCOUNT_JSON + "]}}",
                        new DataHubWire.InputVariables(new DataHubWire.ListServiceAccountsInput(0, 20, null))),
                new Operation(
                        "get service account",
                        DataHubApi.GET_SERVICE_ACCOUNT,
                        DataHubApi.GET_SERVICE_ACCOUNT_OPERATION,
                        "{\"urn\": \"urn:li:corpuser:service_ingestion\"}",
                        "{\"getServiceAccount\": " + ACCOUNT_JSON + "}",
                        new DataHubWire.UrnVariables("urn:li:corpuser:service_ingestion")),
                new Operation(
                        "delete service account",
                        DataHubApi.DELETE_SERVICE_ACCOUNT,
                        DataHubApi.DELETE_SERVICE_ACCOUNT_OPERATION,
                        "{\"urn\": \"urn:li:corpuser:service_ingestion\"}",
                        "{\"deleteServiceAccount\": true}",
                        new DataHubWire.UrnVariables("urn:li:corpuser:service_ingestion")),
                new Operation(
                        "create service account token",
                        DataHubApi.CREATE,
                        DataHubApi.CREATE_OPERATION,
                        "{\"input\": {\"type\": \"SERVICE_ACCOUNT\", \"actorUrn\": \"urn:li:corpuser:service_ingestion\","
                                + " \"duration\": \"ONE_DAY\", \"name\": \"ci\"}}",
                        "{\"createAccessToken\": {\"accessToken\": \"" + JWT + "\", \"metadata\": " + METADATA_JSON
                                + "}}",
                        new DataHubWire.InputVariables(new DataHubWire.CreateAccessTokenInput(
                                "SERVICE_ACCOUNT", "urn:li:corpuser:service_ingestion", "ONE_DAY", "ci", null))),
                new Operation(
                        "list service account tokens",
                        DataHubApi.LIST_SERVICE_ACCOUNT_TOKENS,
                        DataHubApi.LIST_OPERATION,
                        "{\"input\": {\"start\": 0, \"count\": 20, \"filters\": [{\"field\": \"actorUrn\", \"values\":"
                                + " [\"urn:li:corpuser:service_ingestion\"]}]}}",
                        "{\"listAccessTokens\": {\"start\": 0, \"count\": 20, \"total\": 0, \"tokens\": []}}",
                        new DataHubWire.InputVariables(new DataHubWire.ListAccessTokenInput(
                                0,
                                20,
                                List.of(new DataHubWire.FacetFilterInput(
                                        "actorUrn", List.of("urn:li:corpuser:service_ingestion")))))));
    }

    @ParameterizedTest(name = "{0} validates, coerces and executes on Core 1.4")
    @MethodSource("serviceAccountOperations")
    void everyServiceAccountDocumentValidatesAgainstCore14(Operation op) throws IOException {
        GraphQLSchema schema =
                UnExecutableSchemaGenerator.makeUnExecutableSchema(SchemaBuild.CORE_1_4.typeDefinitions());
        Document document = Parser.parse(op.document());
        assertThat(ParseAndValidate.validate(schema, document, Locale.ROOT))
                .as(op.name())
                .isEmpty();
        OperationDefinition definition =
                document.getDefinitionsOfType(OperationDefinition.class).get(0);
        assertThat(definition.getName()).isEqualTo(op.operationName());
        JsonNode data = PLAIN.readTree(op.exampleData());
        ExecutionResult example = execute(SchemaBuild.CORE_1_4, op, data, PLAIN.readValue(op.exampleVariables(), MAP));
        assertThat(example.getErrors()).as(op.name()).isEmpty();
        assertThat(PLAIN.<JsonNode>valueToTree(example.<Object>getData())).isEqualTo(data);
        Map<String, Object> sdk = PLAIN.readValue(Json.MAPPER.writeValueAsString(op.sdkVariables()), MAP);
        assertThat(execute(SchemaBuild.CORE_1_4, op, data, sdk).getErrors())
                .as(op.name())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused by an older server")
    @MethodSource("serviceAccountOperations")
    void everyServiceAccountOperationIsRefusedByTheOlderSchema(Operation op) throws IOException {
        JsonNode data = PLAIN.readTree(op.exampleData());
        ExecutionResult result =
                execute(SchemaBuild.PRE_SERVICE_ACCOUNTS, op, data, PLAIN.readValue(op.exampleVariables(), MAP));
        assertThat(result.getErrors()).as(op.name()).isNotEmpty();
    }

    static Stream<Arguments> everyOperationInEveryBuild() {
        List<Arguments> out = new ArrayList<>();
        for (SchemaBuild b : BUILDS) {
            for (Operation o : operations()) {
                out.add(Arguments.of(b, o));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} validates against {0}")
    @MethodSource("everyOperationInEveryBuild")
    void everyDocumentValidatesAgainstTheRealSchema(SchemaBuild build, Operation op) {
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(build.typeDefinitions());
        Document document = Parser.parse(op.document());
        List<ValidationError> errors = ParseAndValidate.validate(schema, document, Locale.ROOT);
        assertThat(errors).as("validation errors of %s against %s", op, build).isEmpty();

        OperationDefinition definition =
                document.getDefinitionsOfType(OperationDefinition.class).get(0);
        assertThat(document.getDefinitionsOfType(OperationDefinition.class)).hasSize(1);
        assertThat(definition.getName()).isEqualTo(op.operationName());
        assertThat(definition.getSelectionSet().getSelectionsOfType(Field.class))
                .extracting(Field::getName)
                .containsExactly(op.operationName());
    }

    @ParameterizedTest(name = "{1}: example variables coerce and the example data comes back on {0}")
    @MethodSource("everyOperationInEveryBuild")
    void exampleVariablesCoerceAndExecutingReturnsTheExampleData(SchemaBuild build, Operation op) throws IOException {
        JsonNode data = PLAIN.readTree(op.exampleData());
        ExecutionResult result = execute(build, op, data, PLAIN.readValue(op.exampleVariables(), MAP));
        assertThat(result.getErrors()).as("errors of %s on %s", op, build).isEmpty();
        JsonNode returned = PLAIN.valueToTree(result.<Object>getData());
        assertThat(returned).isEqualTo(data);
    }

    @ParameterizedTest(name = "{1}: the variables the SDK builds coerce on {0}")
    @MethodSource("everyOperationInEveryBuild")
    void theVariablesTheSdkBuildsCoerce(SchemaBuild build, Operation op) throws IOException {
        JsonNode data = PLAIN.readTree(op.exampleData());
        // written exactly as the SDK writes its request bodies
        Map<String, Object> variables = PLAIN.readValue(Json.MAPPER.writeValueAsString(op.sdkVariables()), MAP);
        ExecutionResult result = execute(build, op, data, variables);
        assertThat(result.getErrors()).as("errors of %s on %s", op, build).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(io.catalogkit.tokens.datahub.AccessTokenDuration.class)
    void everyDurationIsAnEnumValueOfBothBuilds(io.catalogkit.tokens.datahub.AccessTokenDuration duration)
            throws IOException {
        for (SchemaBuild build : BUILDS) {
            Operation create = operations().get(0);
            Map<String, Object> variables = PLAIN.readValue(
                    Json.MAPPER.writeValueAsString(
                            new DataHubWire.InputVariables(new DataHubWire.CreateAccessTokenInput(
                                    "PERSONAL", "urn:li:corpuser:jdoe", duration.name(), "n", "d"))),
                    MAP);
            assertThat(execute(build, create, PLAIN.readTree(create.exampleData()), variables)
                            .getErrors())
                    .as("%s on %s", duration, build)
                    .isEmpty();
        }
    }

    @Test
    void noDocumentSelectsFieldsOnlyOneBuildHas() {
        for (Operation op : operations()) {
            List<String> fields = new ArrayList<>();
            new NodeTraverser()
                    .depthFirst(
                            new NodeVisitorStub() {
                                @Override
                                @SuppressWarnings("rawtypes")
                                public TraversalControl visitField(
                                        Field node, TraverserContext<graphql.language.Node> context) {
                                    fields.add(node.getName());
                                    return TraversalControl.CONTINUE;
                                }
                            },
                            Parser.parse(op.document()));
            assertThat(fields).as(op.name()).doesNotContain("owner", "relationships", "type");
        }
    }

    @Test
    void theValidatorRejectsWhatTheServerRejects() {
        // the checks above would be worthless if validation let anything through
        GraphQLSchema older =
                UnExecutableSchemaGenerator.makeUnExecutableSchema(SchemaBuild.PRE_SERVICE_ACCOUNTS.typeDefinitions());
        GraphQLSchema newer =
                UnExecutableSchemaGenerator.makeUnExecutableSchema(SchemaBuild.CORE_1_4.typeDefinitions());
        String singularValue =
                "query { listAccessTokens(input: {filters: [{field: \"ownerUrn\", value: \"x\"}]}) { total } }";
        assertThat(ParseAndValidate.validate(newer, Parser.parse(singularValue)))
                .isNotEmpty();
        assertThat(ParseAndValidate.validate(older, Parser.parse(singularValue)))
                .isNotEmpty();
        String owner = "query { listAccessTokens(input: {}) { tokens { owner { urn } } } }";
        assertThat(ParseAndValidate.validate(newer, Parser.parse(owner))).isEmpty();
        assertThat(ParseAndValidate.validate(older, Parser.parse(owner))).isNotEmpty();
    }

    @Test
    void theSchemaFilesKeepTheirSourceHeadersAndLicence() {
        for (String file :
                List.of("auth.graphql", "auth.pre-service-accounts.graphql", "search.facet-filter.excerpt.graphql")) {
            String first = resource(file).lines().findFirst().orElse("");
            assertThat(first).as(file).startsWith("# Source: github.com/").contains("Apache-2.0");
        }
        assertThat(resource("auth.graphql")).contains("SPDX-License-Identifier: Apache-2.0");
        assertThat(resource("README.md")).contains("auth.pre-service-accounts.graphql");
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static ExecutionResult execute(
            SchemaBuild build, Operation op, JsonNode data, Map<String, Object> variables) {
        Object answer = PLAIN.convertValue(data.get(op.operationName()), Object.class);
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(SchemaBuild.longScalar())
                .type(
                        op.document().startsWith("mutation") ? "Mutation" : "Query",
                        t -> t.dataFetcher(op.operationName(), env -> answer))
                .type(
                        "Entity",
                        t -> t.typeResolver(
                                env -> (GraphQLObjectType) env.getSchema().getType("AccessTokenMetadata")))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(build.typeDefinitions(), wiring);
        return GraphQL.newGraphQL(schema)
                .build()
                .execute(ExecutionInput.newExecutionInput()
                        .query(op.document())
                        .operationName(op.operationName())
                        .variables(variables)
                        .build());
    }

    private static String resource(String file) {
        try (InputStream in = DataHubSchemaValidationTest.class.getResourceAsStream(RESOURCES + file)) {
            assertThat(in)
                    .as("resource %s%s (from sdk-testing)", RESOURCES, file)
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
