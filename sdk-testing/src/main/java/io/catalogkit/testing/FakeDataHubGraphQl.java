package io.catalogkit.testing;

import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.CoercedVariables;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.language.IntValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs GraphQL requests with graphql-java over DataHub's own schema files (the copies in this
 * module's resources), resolving the token operations against a {@link FakeDataHubStore}.
 * Resolver failures become errors with {@code extensions.code} and {@code type}, as DataHub's
 * exception handler writes them.
 */
final class FakeDataHubGraphQl {
    /** Where the schema files are, on the classpath. */
    static final String RESOURCES = "/io/catalogkit/testing/datahub/";

    private static final String CALLER = "catalogkit.caller";
    private static final List<String> UNIMPLEMENTED_QUERIES = List.of("getAccessToken", "debugAccess");

    private final FakeDataHubStore store;
    private final Map<FakeDataHub.SchemaBuild, GraphQL> engines = new EnumMap<>(FakeDataHub.SchemaBuild.class);

    FakeDataHubGraphQl(FakeDataHubStore store) {
        this.store = store;
    }

    /**
     * Executes one request.
     *
     * @return the answer in GraphQL's JSON shape, {@code extensions} included as DataHub sends it
     */
    Map<String, Object> execute(
            FakeDataHub.SchemaBuild build,
            String query,
            Map<String, Object> variables,
            String operationName,
            FakeDataHubStore.Caller caller) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .variables(variables)
                .operationName(operationName)
                .graphQLContext(Map.of(CALLER, caller))
                .locale(Locale.ROOT)
                .build();
        ExecutionResult result = engine(build).execute(input);
        Map<String, Object> out = new LinkedHashMap<>(result.toSpecification());
        out.putIfAbsent("extensions", Map.of());
        return out;
    }

    private synchronized GraphQL engine(FakeDataHub.SchemaBuild build) {
        return engines.computeIfAbsent(
                build,
                b -> GraphQL.newGraphQL(schema(b, wiring()))
                        .defaultDataFetcherExceptionHandler(EXCEPTIONS)
                        .build());
    }

    /**
     * Builds DataHub's token schema from the copied files: stubs, the search excerpt and one auth
     * file.
     */
    static GraphQLSchema schema(FakeDataHub.SchemaBuild build, RuntimeWiring wiring) {
        return new SchemaGenerator().makeExecutableSchema(build.typeDefinitions(), wiring);
    }

    static TypeDefinitionRegistry typeDefinitions(String authFile, boolean durationIso) {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        for (String file : List.of("stubs.graphql", "search.facet-filter.excerpt.graphql", authFile)) {
            String text = resource(file);
            registry.merge(parser.parse(file.equals(authFile) && durationIso ? withDurationIso(text) : text));
        }
        return registry;
    }

    /**
     * The newer token inputs, derived from an auth file as upstream changed them (see the README
     * beside the schema files): {@code duration} optional, and {@code durationIso: String} added.
     */
    static String withDurationIso(String auth) {
        String required = "  duration: AccessTokenDuration!\n";
        int inputs = auth.split(java.util.regex.Pattern.quote(required), -1).length - 1;
        if (inputs != 2) {
            throw new IllegalStateException("expected the two token inputs with a required duration, found " + inputs);
        }
        return auth.replace(required, "  duration: AccessTokenDuration\n  durationIso: String\n");
    }

    static String resource(String file) {
        try (InputStream in = FakeDataHubGraphQl.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuntimeWiring wiring() {
        RuntimeWiring.Builder w = RuntimeWiring.newRuntimeWiring().scalar(LONG);
        w.type("Query", t -> {
            t.dataFetcher("listAccessTokens", env -> {
                FakeDataHubStore.Listing l = store.list(caller(env), env.getArgument("input"));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("start", l.start());
                m.put("count", l.count());
                m.put("total", l.total());
                m.put(
                        "tokens",
                        l.tokens().stream().map(FakeDataHubGraphQl::metadata).toList());
                return m;
            });
            t.dataFetcher("getAccessTokenMetadata", env -> {
                FakeDataHubStore.Token token = store.metadata(caller(env), env.getArgument("token"));
                return token == null ? null : metadata(token);
            });
            t.dataFetcher("listServiceAccounts", env -> {
                FakeDataHubStore.AccountListing l = store.listServiceAccounts(caller(env), env.getArgument("input"));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("start", l.start());
                m.put("count", l.count());
                m.put("total", l.total());
                // lists leave createdAt out, as DataHub's list resolver does
                m.put(
                        "serviceAccounts",
                        l.accounts().stream().map(a -> account(a, false)).toList());
                return m;
            });
            t.dataFetcher("getServiceAccount", env -> {
                FakeDataHubStore.ServiceAccount a = store.serviceAccount(caller(env), env.getArgument("urn"));
                return a == null ? null : account(a, true);
            });
            UNIMPLEMENTED_QUERIES.forEach(f -> t.dataFetcher(f, unimplemented(f)));
            return t;
        });
        w.type("Mutation", t -> {
            t.dataFetcher("createAccessToken", env -> {
                Map.Entry<String, FakeDataHubStore.Token> made = store.create(caller(env), env.getArgument("input"));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("accessToken", made.getKey());
                m.put("metadata", metadata(made.getValue()));
                return m;
            });
            t.dataFetcher("revokeAccessToken", env -> store.revoke(caller(env), env.getArgument("tokenId")));
            t.dataFetcher(
                    "createServiceAccount",
                    env -> account(store.createServiceAccount(caller(env), env.getArgument("input")), true));
            t.dataFetcher(
                    "deleteServiceAccount", env -> store.deleteServiceAccount(caller(env), env.getArgument("urn")));
            return t;
        });
        w.type(
                "Entity",
                t -> t.typeResolver(env -> {
                    Object name = env.<Map<String, Object>>getObject().get("__typename");
                    return (GraphQLObjectType) env.getSchema().getType(String.valueOf(name));
                }));
        return w.build();
    }

    private static DataFetcher<Object> unimplemented(String field) {
        return env -> {
            throw FakeDataHubStore.Failure.badRequest(field + " is not implemented by FakeDataHub");
        };
    }

    private static FakeDataHubStore.Caller caller(graphql.schema.DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(CALLER);
    }

    private static Map<String, Object> metadata(FakeDataHubStore.Token t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "AccessTokenMetadata");
        m.put("urn", FakeDataHubStore.TOKEN_URN + t.id);
        m.put("type", "ACCESS_TOKEN");
        m.put("id", t.id);
        m.put("name", t.name);
        m.put("description", t.description);
        m.put("actorUrn", t.actorUrn);
        m.put("ownerUrn", t.ownerUrn);
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("__typename", "CorpUser");
        owner.put("urn", t.ownerUrn);
        owner.put("type", "CORP_USER");
        owner.put("username", FakeDataHubStore.actorId(t.ownerUrn));
        m.put("owner", owner);
        m.put("createdAt", t.createdAt);
        m.put("expiresAt", t.expiresAt);
        return m;
    }

    private static Map<String, Object> account(FakeDataHubStore.ServiceAccount a, boolean withTimes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", "ServiceAccount");
        m.put("urn", a.urn());
        m.put("type", "CORP_USER");
        m.put("name", a.name());
        m.put("displayName", a.displayName());
        m.put("description", a.description());
        m.put("createdBy", a.createdBy());
        m.put("createdAt", withTimes ? a.createdAt() : null);
        m.put("updatedAt", withTimes ? a.createdAt() : null);
        return m;
    }

    /** DataHub's resolver errors: {@code extensions} with {@code code} and {@code type}. */
    private static final DataFetcherExceptionHandler EXCEPTIONS = params -> {
        Throwable e = params.getException();
        FakeDataHubStore.Failure f = e instanceof FakeDataHubStore.Failure failure
                ? failure
                : new FakeDataHubStore.Failure(500, "SERVER_ERROR", "An unknown error occurred.");
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", f.code);
        extensions.put("type", f.type);
        GraphQLError error = GraphqlErrorBuilder.newError()
                .message("%s", f.getMessage())
                .location(params.getSourceLocation())
                .path(params.getPath())
                .errorType(ErrorType.DataFetchingException)
                .extensions(extensions)
                .build();
        return CompletableFuture.completedFuture(
                DataFetcherExceptionHandlerResult.newResult(error).build());
    };

    /** DataHub's {@code Long}: a JSON number of epoch milliseconds. */
    static final GraphQLScalarType LONG = GraphQLScalarType.newScalar()
            .name("Long")
            .description("A 64-bit integer")
            .coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Number n) {
                        return n.longValue();
                    }
                    throw new CoercingSerializeException("not a Long");
                }

                @Override
                public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof Number n) {
                        return n.longValue();
                    }
                    throw new CoercingParseValueException("not a Long");
                }

                @Override
                public Long parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof IntValue i) {
                        return i.getValue().longValue();
                    }
                    throw new CoercingParseLiteralException("not a Long literal");
                }

                @Override
                public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                    return new IntValue(BigInteger.valueOf(serialize(input, context, locale)));
                }
            })
            .build();
}
