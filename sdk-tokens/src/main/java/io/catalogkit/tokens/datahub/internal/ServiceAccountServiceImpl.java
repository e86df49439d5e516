package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.ServiceAccount;
import io.catalogkit.tokens.datahub.ServiceAccountService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ServiceAccountService} over DataHub's GraphQL API (Core 1.4 and later); the tokens are
 * access tokens of type {@code SERVICE_ACCOUNT}, made and listed by the calls personal tokens use.
 * An older server's schema errors become one message saying it has no service accounts. Thread-safe.
 */
public final class ServiceAccountServiceImpl implements ServiceAccountService {
    private static final String FORBIDDEN = "Service accounts and their tokens need the "
            + DataHubErrors.MANAGE_SERVICE_ACCOUNTS + " privilege (admins have it).";

    private final DataHubApi api;
    private final AccessTokenCalls calls;

    /**
     * Creates the service.
     *
     * @param api the API, with the token the service acts with
     */
    public ServiceAccountServiceImpl(DataHubApi api) {
        this.api = Objects.requireNonNull(api, "api");
        this.calls = new AccessTokenCalls(api);
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
        ServiceAccount made = DataHubWire.account(
                answer::malformed,
                answer.field(DataHubApi.CREATE_SERVICE_ACCOUNT_OPERATION),
                "data.createServiceAccount");
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
            ServiceAccount account =
                    DataHubWire.account(answer::malformed, a, "data.listServiceAccounts.serviceAccounts");
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
        ServiceAccount account = DataHubWire.account(answer::malformed, node, "data.getServiceAccount");
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
        String operation = "create service account token";
        return DataHubErrors.serviceAccountsNeeded(
                operation,
                () -> calls.create(
                        "SERVICE_ACCOUNT", serviceAccountUrn, duration, name, description, operation, FORBIDDEN));
    }

    @Override
    public Page<AccessToken> listTokens(String serviceAccountUrn, int start, int count) {
        Args.id(serviceAccountUrn, "serviceAccountUrn");
        Args.page(start, "start", count, "count", Page.MAX_SIZE);
        List<DataHubWire.FacetFilterInput> filters =
                List.of(new DataHubWire.FacetFilterInput("actorUrn", List.of(serviceAccountUrn)));
        String operation = "list service account tokens";
        return DataHubErrors.serviceAccountsNeeded(
                operation,
                () -> calls.list(
                        DataHubApi.LIST_SERVICE_ACCOUNT_TOKENS,
                        start,
                        count,
                        filters,
                        operation,
                        "Listing a service account's tokens needs the " + DataHubErrors.MANAGE + " privilege, or "
                                + DataHubErrors.MANAGE_SERVICE_ACCOUNTS + " on newer servers."));
    }

    private ApiRequest.Builder request(String operation, String document, String operationName, Object variables) {
        return DataHubApi.request(operation, document, operationName, variables).hints(api.hints(FORBIDDEN, null));
    }

    /** Sends, raising the answer's errors; an older server's schema errors say what they mean. */
    private DataHubApi.Result send(ApiRequest request) {
        return DataHubErrors.serviceAccountsNeeded(request.operation(), () -> api.sendOrFail(request));
    }
}
