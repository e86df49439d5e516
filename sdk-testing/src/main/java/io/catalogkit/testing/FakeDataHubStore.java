package io.catalogkit.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The fake's state and DataHub's rules for tokens, without GraphQL or HTTP: users and their
 * privileges, stored token metadata (never the JWT), authentication and the four token operations.
 * Not thread-safe: {@link FakeDataHub} holds its lock around every call.
 */
final class FakeDataHubStore implements FakeState.Store<FakeDataHubStore> {
    static final String CORP_USER = "urn:li:corpuser:";
    static final String TOKEN_URN = "urn:li:dataHubAccessToken:";
    static final String UNAUTHORIZED_MESSAGE =
            "Unauthorized to perform this action. Please contact your DataHub administrator.";

    /** An error a resolver raises, answered in DataHub's {@code errors[]} shape. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int code;
        final String type;

        Failure(int code, String type, String message) {
            super(message, null, false, false);
            this.code = code;
            this.type = type;
        }

        static Failure unauthorized() {
            return new Failure(403, "UNAUTHORIZED", UNAUTHORIZED_MESSAGE);
        }

        static Failure badRequest(String message) {
            return new Failure(400, "BAD_REQUEST", message);
        }
    }

    /** Who sent the request. */
    record Caller(String urn, boolean admin, boolean canGenerate, boolean managesServiceAccounts) {}

    /** A stored service account. */
    record ServiceAccount(
            String urn, String name, String displayName, String description, String createdBy, long createdAt) {}

    /** Stored per token id; the JWT itself is never stored. */
    static final class Token {
        final String id;
        final String name;
        final String description;
        final String actorUrn;
        final String ownerUrn;
        final long createdAt;
        final Long expiresAt;
        final long visibleFrom;

        Token(
                String id,
                String name,
                String description,
                String actorUrn,
                String ownerUrn,
                long createdAt,
                Long expiresAt,
                long visibleFrom) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.actorUrn = actorUrn;
            this.ownerUrn = ownerUrn;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
            this.visibleFrom = visibleFrom;
        }
    }

    private record Revoked(String actorUrn, long until) {}

    private final FakeDataHubJwt jwt;
    private final FakeClock clock;
    private final Map<String, Set<String>> users = new HashMap<>();
    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final Map<String, Revoked> revoked = new HashMap<>();
    private final Map<String, ServiceAccount> serviceAccounts = new LinkedHashMap<>();
    Duration listVisibilityDelay = Duration.ZERO;
    Duration revocationLag = Duration.ZERO;
    boolean opaqueRevokeErrors;
    FakeDataHub.SchemaBuild schemaBuild = FakeDataHub.SchemaBuild.CORE_1_4;

    FakeDataHubStore(FakeClock clock) {
        this(clock, new FakeDataHubJwt());
    }

    private FakeDataHubStore(FakeClock clock, FakeDataHubJwt jwt) {
        this.clock = clock;
        this.jwt = jwt;
    }

    /** A copy of the state, signing with the same key, so that the tokens minted so far still verify. */
    @Override
    public FakeDataHubStore snapshot() {
        FakeDataHubStore copy = new FakeDataHubStore(clock, jwt);
        copy.restore(this);
        return copy;
    }

    @Override
    public void restore(FakeDataHubStore from) {
        users.clear();
        from.users.forEach((urn, privileges) -> users.put(urn, new TreeSet<>(privileges)));
        tokens.clear();
        tokens.putAll(from.tokens);
        revoked.clear();
        revoked.putAll(from.revoked);
        serviceAccounts.clear();
        serviceAccounts.putAll(from.serviceAccounts);
        listVisibilityDelay = from.listVisibilityDelay;
        revocationLag = from.revocationLag;
        opaqueRevokeErrors = from.opaqueRevokeErrors;
        schemaBuild = from.schemaBuild;
    }

    void addUser(String urn, Set<String> privileges) {
        users.computeIfAbsent(urn, u -> new TreeSet<>()).addAll(privileges);
    }

    Caller caller(String urn) {
        Set<String> p = users.getOrDefault(urn, Set.of());
        boolean admin = p.contains(FakeDataHub.MANAGE_ACCESS_TOKENS);
        return new Caller(
                urn,
                admin,
                admin || p.contains(FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS),
                p.contains(FakeDataHub.MANAGE_SERVICE_ACCOUNTS));
    }

    String idOf(String token) {
        return jwt.id(token);
    }

    Set<String> tokenIds() {
        return Set.copyOf(tokens.keySet());
    }

    Optional<Token> token(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    /**
     * Mints and stores a token.
     *
     * @return the JWT and its stored metadata
     */
    Map.Entry<String, Token> issue(
            String actorUrn, String ownerUrn, String name, String description, long createdAt, Long expiresAt) {
        return issue("PERSONAL", actorUrn, ownerUrn, name, description, createdAt, expiresAt);
    }

    private Map.Entry<String, Token> issue(
            String type,
            String actorUrn,
            String ownerUrn,
            String name,
            String description,
            long createdAt,
            Long expiresAt) {
        String token = jwt.mint(actorId(actorUrn), expiresAt, type);
        String id = jwt.id(token);
        long visibleFrom = createdAt + listVisibilityDelay.toMillis();
        Token t = new Token(id, name, description, actorUrn, ownerUrn, createdAt, expiresAt, visibleFrom);
        tokens.put(id, t);
        return Map.entry(token, t);
    }

    /**
     * Authenticates a presented JWT as DataHub's token service does: signature, expiry (an expired
     * token is deleted), then whether it is still stored (or revoked only within the lag).
     *
     * @return the caller's urn, or empty for a 401
     */
    Optional<String> authenticate(String token) {
        Optional<FakeDataHubJwt.Claims> claims = jwt.verify(token);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        long now = now();
        String id = jwt.id(token);
        Long exp = claims.get().expSeconds();
        if (exp != null && exp * 1000 <= now) {
            tokens.remove(id);
            return Optional.empty();
        }
        Token t = tokens.get(id);
        if (t != null) {
            return Optional.of(t.actorUrn);
        }
        Revoked r = revoked.get(id);
        if (r != null && now < r.until()) {
            return Optional.of(r.actorUrn());
        }
        return Optional.empty();
    }

    Map.Entry<String, Token> create(Caller caller, Map<String, Object> input) {
        String actorUrn = (String) input.get("actorUrn");
        String type = (String) input.get("type");
        if ("SERVICE_ACCOUNT".equals(type)) {
            if (!caller.managesServiceAccounts()) {
                throw Failure.unauthorized();
            }
            if (!serviceAccounts.containsKey(actorUrn)) {
                throw Failure.badRequest("Service account " + actorUrn + " does not exist");
            }
        } else if (!caller.admin() && !(caller.canGenerate() && caller.urn().equals(actorUrn))) {
            throw Failure.unauthorized();
        } else if (serviceAccounts.containsKey(actorUrn)) {
            throw Failure.badRequest("A token for a service account must have type SERVICE_ACCOUNT");
        }
        if (actorUrn == null || !actorUrn.startsWith(CORP_USER) || actorUrn.length() == CORP_USER.length()) {
            throw Failure.badRequest("Invalid actor urn: expected urn:li:corpuser:<id>");
        }
        long now = now();
        Long expiresAt = lifetime(input).map(d -> now + d.toMillis()).orElse(null);
        return issue(
                type,
                actorUrn,
                caller.urn(),
                (String) input.get("name"),
                (String) input.get("description"),
                now,
                expiresAt);
    }

    /** The page and the total, for {@code listAccessTokens}. */
    record Listing(int start, int count, int total, List<Token> tokens) {}

    Listing list(Caller caller, Map<String, Object> input) {
        List<Map<String, Object>> filters = filters(input.get("filters"));
        if (!caller.admin()
                && !(caller.canGenerate() && listsOwnTokens(filters, caller.urn()))
                && !(caller.managesServiceAccounts() && listsServiceAccountTokens(filters))) {
            throw Failure.unauthorized();
        }
        int start = Math.max(0, intOr(input.get("start"), 0));
        int count = Math.max(0, intOr(input.get("count"), 20));
        long now = now();
        List<Token> matches = new ArrayList<>();
        for (Token t : tokens.values()) {
            if (t.visibleFrom <= now && filters.stream().allMatch(f -> matches(t, f))) {
                matches.add(t);
            }
        }
        matches.sort(Comparator.comparing(
                        (Token t) -> t.expiresAt == null ? Long.MIN_VALUE : t.expiresAt, Comparator.reverseOrder())
                .thenComparing(t -> t.createdAt, Comparator.reverseOrder())
                .thenComparing(t -> t.id));
        List<Token> page =
                start >= matches.size() ? List.of() : matches.subList(start, Math.min(matches.size(), start + count));
        return new Listing(start, count, matches.size(), List.copyOf(page));
    }

    boolean revoke(Caller caller, String tokenId) {
        Token t = tokens.get(tokenId);
        if (t == null) {
            if (!caller.admin()) {
                throw Failure.unauthorized();
            }
            throw new Failure(
                    500,
                    "SERVER_ERROR",
                    opaqueRevokeErrors
                            ? "An unknown error occurred."
                            : "Failed to revoke access token. Root cause: Access token no longer exists");
        }
        if (!caller.admin() && !caller.urn().equals(t.ownerUrn)) {
            throw Failure.unauthorized();
        }
        tokens.remove(tokenId);
        if (!revocationLag.isZero()) {
            revoked.put(tokenId, new Revoked(t.actorUrn, now() + revocationLag.toMillis()));
        }
        return true;
    }

    /** The stored metadata of a raw token, or null (an unknown token) for DataHub's non-null error. */
    Token metadata(Caller caller, String token) {
        if (!caller.admin()) {
            throw Failure.unauthorized();
        }
        return tokens.get(jwt.id(token));
    }

    private long now() {
        return clock.instant().toEpochMilli();
    }

    static String actorId(String urn) {
        return urn.startsWith(CORP_USER) ? urn.substring(CORP_USER.length()) : urn;
    }

    /** The lifetime a create input asks for: the enum {@code duration}, or {@code durationIso} where served. */
    static Optional<Duration> lifetime(Map<String, Object> input) {
        String duration = (String) input.get("duration");
        String iso = (String) input.get("durationIso");
        if ((duration == null) == (iso == null)) {
            throw Failure.badRequest("Exactly one of duration and durationIso must be provided");
        }
        if (duration != null) {
            return lifetime(duration);
        }
        Duration d;
        try {
            d = Duration.parse(iso);
        } catch (java.time.format.DateTimeParseException e) {
            throw Failure.badRequest("Invalid durationIso " + iso + ": expected an ISO-8601 duration such as P30D");
        }
        if (d.isZero() || d.isNegative()) {
            throw Failure.badRequest("Invalid durationIso " + iso + ": must be positive");
        }
        return Optional.of(d);
    }

    static Optional<Duration> lifetime(String duration) {
        switch (Objects.requireNonNull(duration, "duration")) {
            case "ONE_HOUR":
                return Optional.of(Duration.ofHours(1));
            case "ONE_DAY":
                return Optional.of(Duration.ofDays(1));
            case "ONE_WEEK":
                return Optional.of(Duration.ofDays(7));
            case "ONE_MONTH":
                return Optional.of(Duration.ofDays(30));
            case "THREE_MONTHS":
                return Optional.of(Duration.ofDays(90));
            case "SIX_MONTHS":
                return Optional.of(Duration.ofDays(180));
            case "ONE_YEAR":
                return Optional.of(Duration.ofDays(365));
            case "NO_EXPIRY":
                return Optional.empty();
            default:
                throw Failure.badRequest("Unknown duration " + duration);
        }
    }

    /** A filter on {@code actorUrn} naming only service accounts: the service-account managers' listing. */
    private boolean listsServiceAccountTokens(List<Map<String, Object>> filters) {
        return filters.stream()
                .anyMatch(f -> "actorUrn".equals(f.get("field"))
                        && f.get("values") instanceof List<?> l
                        && !l.isEmpty()
                        && l.stream().allMatch(serviceAccounts::containsKey)
                        && !Boolean.TRUE.equals(f.get("negated")));
    }

    /** Stores a service account. */
    ServiceAccount addServiceAccount(String name, String displayName, String description, String createdBy) {
        ServiceAccount a = new ServiceAccount(
                FakeDataHub.serviceAccountUrn(name), name, displayName, description, createdBy, now());
        serviceAccounts.put(a.urn(), a);
        return a;
    }

    ServiceAccount createServiceAccount(Caller caller, Map<String, Object> input) {
        requireServiceAccountManager(caller);
        String name = "service_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return addServiceAccount(
                name, (String) input.get("displayName"), (String) input.get("description"), caller.urn());
    }

    /** The page and the total, for {@code listServiceAccounts}. */
    record AccountListing(int start, int count, int total, List<ServiceAccount> accounts) {}

    AccountListing listServiceAccounts(Caller caller, Map<String, Object> input) {
        requireServiceAccountManager(caller);
        int start = Math.max(0, intOr(input.get("start"), 0));
        int count = Math.max(0, intOr(input.get("count"), 20));
        Object q = input.get("query");
        String query = q instanceof String text ? text.toLowerCase(Locale.ROOT) : "";
        List<ServiceAccount> matches = serviceAccounts.values().stream()
                .filter(a -> query.isEmpty()
                        || Stream.of(a.name(), a.displayName(), a.description())
                                .anyMatch(v ->
                                        v != null && v.toLowerCase(Locale.ROOT).contains(query)))
                .toList();
        List<ServiceAccount> page =
                start >= matches.size() ? List.of() : matches.subList(start, Math.min(matches.size(), start + count));
        return new AccountListing(start, count, matches.size(), List.copyOf(page));
    }

    ServiceAccount serviceAccount(Caller caller, String urn) {
        requireServiceAccountManager(caller);
        return serviceAccounts.get(urn);
    }

    boolean deleteServiceAccount(Caller caller, String urn) {
        requireServiceAccountManager(caller);
        // what happens to the account's tokens is unconfirmed: they are kept, as a caller must assume
        return serviceAccounts.remove(urn) != null;
    }

    Set<String> serviceAccountUrns() {
        return Set.copyOf(serviceAccounts.keySet());
    }

    private static void requireServiceAccountManager(Caller caller) {
        if (!caller.managesServiceAccounts()) {
            throw Failure.unauthorized();
        }
    }

    /** DataHub's rule: a filter on exactly {@code ownerUrn} whose values are exactly the caller. */
    private static boolean listsOwnTokens(List<Map<String, Object>> filters, String callerUrn) {
        return filters.stream()
                .anyMatch(f -> "ownerUrn".equals(f.get("field"))
                        && List.of(callerUrn).equals(f.get("values"))
                        && !Boolean.TRUE.equals(f.get("negated")));
    }

    private static boolean matches(Token t, Map<String, Object> filter) {
        Object field = filter.get("field");
        String value;
        if ("ownerUrn".equals(field)) {
            value = t.ownerUrn;
        } else if ("actorUrn".equals(field)) {
            value = t.actorUrn;
        } else if ("name".equals(field)) {
            value = t.name;
        } else if ("createdAt".equals(field)) {
            value = String.valueOf(t.createdAt);
        } else if ("expiresAt".equals(field)) {
            value = t.expiresAt == null ? null : String.valueOf(t.expiresAt);
        } else {
            value = null;
        }
        Object values = filter.get("values");
        boolean hit = value != null && values instanceof List<?> l && l.contains(value);
        return Boolean.TRUE.equals(filter.get("negated")) != hit;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> filters(Object filters) {
        return filters instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static int intOr(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
