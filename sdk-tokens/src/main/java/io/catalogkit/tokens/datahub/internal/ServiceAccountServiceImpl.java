package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.ServiceAccount;
import io.catalogkit.tokens.datahub.ServiceAccountService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ServiceAccountService} over DataHub's GraphQL API (Core 1.4 and later); the tokens go
 * through the personal-token code with type {@code SERVICE_ACCOUNT}. An older server's schema
 * errors become one message saying it has no service accounts. Thread-safe.
 */
public final class ServiceAccountServiceImpl implements ServiceAccountService {
    static final String MANAGE = "'Manage Service Accounts'";
    private static final String FORBIDDEN =
            "Service accounts and their tokens need the " + MANAGE + " privilege (admins have it).";

    private final DataHubApi graphQl;
    private final DataHubTokenServiceImpl tokens;

    /**
     * Creates the service.
     *
     * @param transport the client's transport
     * @param tokens the client's token service, which creates and lists the accounts' tokens
     */
    public ServiceAccountServiceImpl(Transport transport, DataHubTokenServiceImpl tokens) {
        this.graphQl = new DataHubApi(transport);
        this.tokens = tokens;
    }

    @Override
    public ServiceAccount create(String displayName, String description) {
        if (displayName != null) {
            Args.line(displayName, Args.MAX_NAME, "displayName");
        }
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        ApiRequest request = request(
                        "create service account",
                        DataHubApi.CREATE_SERVICE_ACCOUNT,
                        DataHubApi.CREATE_SERVICE_ACCOUNT_OPERATION,
                        new DataHubWire.InputVariables(
                                new DataHubWire.CreateServiceAccountInput(displayName, description)))
                .safeToRetry(false)
                .ambiguousFailureHint("The service account may have been created: list the service accounts"
                        + " before creating it again.")
                .build();
        DataHubApi.Result answer = send(request);
        ServiceAccount made =
                account(answer, answer.field(DataHubApi.CREATE_SERVICE_ACCOUNT_OPERATION), "data.createServiceAccount");
        if (made == null) {
            throw answer.malformed("data.createServiceAccount with a urn and name");
        }
        return made;
    }

    @Override
    public Page<ServiceAccount> list(int start, int count, String query) {
        Args.page(start, "start", count, "count", Page.MAX_SIZE);
        if (query != null) {
            Args.line(query, Args.MAX_NAME, "query");
        }
        return listPage(start, count, query);
    }

    private Page<ServiceAccount> listPage(int start, int count, String query) {
        ApiRequest request = request(
                        "list service accounts",
                        DataHubApi.LIST_SERVICE_ACCOUNTS,
                        DataHubApi.LIST_SERVICE_ACCOUNTS_OPERATION,
                        new DataHubWire.InputVariables(new DataHubWire.ListServiceAccountsInput(start, count, query)))
                .safeToRetry(true)
                .build();
        DataHubApi.Result answer = send(request);
        JsonNode result = answer.field(DataHubApi.LIST_SERVICE_ACCOUNTS_OPERATION);
        Integer total = Json.intValue(Json.field(result, "total"));
        JsonNode accounts = Json.field(result, "serviceAccounts");
        if (total == null || accounts == null || !accounts.isArray()) {
            throw answer.malformed("data.listServiceAccounts with total and serviceAccounts");
        }
        List<ServiceAccount> items = new ArrayList<>(accounts.size());
        for (JsonNode a : accounts) {
            ServiceAccount account = account(answer, a, "data.listServiceAccounts.serviceAccounts");
            if (account == null) {
                throw answer.malformed("data.listServiceAccounts.serviceAccounts with a urn and name each");
            }
            items.add(account);
        }
        boolean more = !items.isEmpty() && (long) start + count < total;
        return Page.of(items, total, more ? () -> listPage(start + count, count, query) : null);
    }

    @Override
    public Optional<ServiceAccount> get(String urn) {
        Args.id(urn, "urn");
        ApiRequest request = request(
                        "get service account",
                        DataHubApi.GET_SERVICE_ACCOUNT,
                        DataHubApi.GET_SERVICE_ACCOUNT_OPERATION,
                        new DataHubWire.UrnVariables(urn))
                .safeToRetry(true)
                .build();
        DataHubApi.Result answer = send(request);
        JsonNode node = answer.field(DataHubApi.GET_SERVICE_ACCOUNT_OPERATION);
        if (node == null) {
            return Optional.empty();
        }
        ServiceAccount account = account(answer, node, "data.getServiceAccount");
        if (account == null) {
            throw answer.malformed("data.getServiceAccount with a urn and name");
        }
        return Optional.of(account);
    }

    @Override
    public boolean delete(String urn) {
        Args.id(urn, "urn");
        ApiRequest request = request(
                        "delete service account",
                        DataHubApi.DELETE_SERVICE_ACCOUNT,
                        DataHubApi.DELETE_SERVICE_ACCOUNT_OPERATION,
                        new DataHubWire.UrnVariables(urn))
                .safeToRetry(false)
                .ambiguousFailureHint(
                        "The service account may have been deleted: get it to check before deleting" + " it again.")
                .build();
        DataHubApi.Result answer = send(request);
        JsonNode deleted = answer.field(DataHubApi.DELETE_SERVICE_ACCOUNT_OPERATION);
        if (deleted == null || !deleted.isBoolean()) {
            throw answer.malformed("data.deleteServiceAccount as a boolean");
        }
        return deleted.booleanValue();
    }

    @Override
    public AccessToken createToken(
            String serviceAccountUrn, AccessTokenDuration duration, String name, String description) {
        Args.id(serviceAccountUrn, "serviceAccountUrn");
        Args.notNull(duration, "duration");
        Args.line(name, Args.MAX_NAME, "name");
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        return tooOld(
                "create service account token",
                () -> tokens.createToken(
                        "SERVICE_ACCOUNT",
                        serviceAccountUrn,
                        duration,
                        name,
                        description,
                        "create service account token",
                        FORBIDDEN));
    }

    @Override
    public Page<AccessToken> listTokens(String serviceAccountUrn, int start, int count) {
        Args.id(serviceAccountUrn, "serviceAccountUrn");
        Args.page(start, "start", count, "count", Page.MAX_SIZE);
        List<DataHubWire.FacetFilterInput> filters =
                List.of(new DataHubWire.FacetFilterInput("actorUrn", List.of(serviceAccountUrn)));
        return tooOld(
                "list service account tokens",
                () -> tokens.listTokens(
                        DataHubApi.LIST_SERVICE_ACCOUNT_TOKENS,
                        start,
                        count,
                        filters,
                        "list service account tokens",
                        "Listing a service account's tokens needs the " + DataHubTokenServiceImpl.MANAGE
                                + " privilege, or " + MANAGE + " on newer servers."));
    }

    private ApiRequest.Builder request(String operation, String document, String operationName, Object variables) {
        return DataHubApi.request(operation, document, operationName, variables).hints(tokens.hints(FORBIDDEN, null));
    }

    /** Sends, raising the answer's errors; an older server's schema errors say what they mean. */
    private DataHubApi.Result send(ApiRequest request) {
        return tooOld(request.operation(), () -> {
            DataHubApi.Result answer = graphQl.send(request);
            if (!answer.errors().isEmpty()) {
                throw DataHubApi.fail(answer, false);
            }
            return answer;
        });
    }

    /**
     * Runs a call, replacing the schema error of a server older than Core 1.4 (a field or the {@code
     * SERVICE_ACCOUNT} token type it does not know, with HTTP 200 or 400) by one that says so.
     */
    static <T> T tooOld(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (!saysNoServiceAccounts(e)) {
                throw e;
            }
            throw DataHubApi.restate(
                    e,
                    "DataHub " + operation + ": this DataHub server has no service accounts: they need DataHub Core"
                            + " 1.4 or later (its GraphQL schema does not know them).");
        }
    }

    private static boolean saysNoServiceAccounts(ApiException e) {
        if (!DataHubApi.VALIDATION_ERROR.equals(e.errorCode().orElse(null))) {
            return false;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("fieldundefined") || m.contains("service_account") || m.contains("serviceaccount");
    }

    private static ServiceAccount account(DataHubApi.Result answer, JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw answer.malformed(where + " as an object");
        }
        String urn = Json.text(node.get("urn"));
        String name = Json.text(node.get("name"));
        if (urn == null || urn.isBlank() || name == null) {
            return null;
        }
        Long createdAt = DataHubTokenServiceImpl.millis(answer, node, "createdAt", where);
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
