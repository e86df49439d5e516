package io.catalogkit.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The state of {@link FakeAtlan} and Atlan's rules for API tokens and assets, without HTTP or
 * JSON: users and their bearers, personas, tokens, assets with their admins, viewers and access
 * rights, and the answer encodings the switches force. Not thread-safe: {@link FakeAtlan} holds its
 * lock around every call.
 */
final class FakeAtlanStore implements FakeState.Store<FakeAtlanStore> {
    /** The last second a signed 32-bit epoch can hold: 2038-01-19T03:14:07Z. */
    static final long LAST_32BIT_SECOND = Integer.MAX_VALUE;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A request Atlan refuses, answered with an Atlas error body. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int status;
        final String errorCode;

        Failure(int status, String errorCode, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorCode = errorCode;
        }

        static Failure badRequest(String message) {
            return new Failure(400, "ATLAS-400-00-001", message);
        }

        static Failure tokenNotFound(String guid) {
            return new Failure(404, "ATLAS-404-00-005", "API token with id " + guid + " not found");
        }
    }

    /** An API token as stored; the secret is its bearer. */
    static final class Token {
        final String guid;
        final String clientId;
        final String secret;
        final long createdAtMillis;
        final long lifespan;
        final String createdBy;
        final long sequence;
        String displayName;
        String description;
        List<String> personas;

        Token(
                String guid,
                String clientId,
                String secret,
                long createdAtMillis,
                long lifespan,
                String createdBy,
                long sequence,
                String displayName,
                String description,
                List<String> personas) {
            this.guid = guid;
            this.clientId = clientId;
            this.secret = secret;
            this.createdAtMillis = createdAtMillis;
            this.lifespan = lifespan;
            this.createdBy = createdBy;
            this.sequence = sequence;
            this.displayName = displayName;
            this.description = description;
            this.personas = personas;
        }

        Token copy() {
            return new Token(
                    guid,
                    clientId,
                    secret,
                    createdAtMillis,
                    lifespan,
                    createdBy,
                    sequence,
                    displayName,
                    description,
                    new ArrayList<>(personas));
        }

        String username() {
            return "service-account-" + clientId;
        }

        @Override
        public String toString() {
            return "Token[" + guid + "]";
        }
    }

    /** A connection, collection or other asset that index search and bulk save reach. */
    static final class Asset {
        final String guid;
        final String typeName;
        final String qualifiedName;
        String name;
        List<String> adminUsers = new ArrayList<>();
        List<String> viewerUsers = new ArrayList<>();
        final Set<String> readers = new HashSet<>();
        final Set<String> writers = new HashSet<>();

        Asset(String guid, String typeName, String qualifiedName, String name) {
            this.guid = guid;
            this.typeName = typeName;
            this.qualifiedName = qualifiedName;
            this.name = name;
        }

        Asset copy() {
            Asset a = new Asset(guid, typeName, qualifiedName, name);
            a.adminUsers = new ArrayList<>(adminUsers);
            a.viewerUsers = new ArrayList<>(viewerUsers);
            a.readers.addAll(readers);
            a.writers.addAll(writers);
            return a;
        }
    }

    /** A persona tokens may be linked to. */
    record Persona(String id, String name) {}

    /**
     * One entity of a bulk save, as sent.
     *
     * @param name the new name, or null to keep it
     * @param adminUsers the new admins, or null to keep them
     * @param viewerUsers the new viewers, or null to keep them
     */
    record EntityChange(
            String typeName,
            String guid,
            String qualifiedName,
            String name,
            List<String> adminUsers,
            List<String> viewerUsers) {}

    /**
     * What a bulk save did to one entity.
     *
     * @param sentGuid the GUID the caller sent (negative for a new entity)
     * @param kind {@code CREATE}, {@code UPDATE}, or null when nothing changed
     */
    record Saved(String sentGuid, Asset asset, String kind) {}

    private final FakeClock clock;
    private final Map<String, String> usersByBearer = new HashMap<>();
    private final Map<String, String> userIds = new HashMap<>();
    final Map<String, Persona> personas = new LinkedHashMap<>();
    final Map<String, Token> tokens = new LinkedHashMap<>();
    final Map<String, Asset> assets = new LinkedHashMap<>();
    private long sequence;

    Boolean numbersAsStrings;
    FakeAtlan.PersonaEncoding personaEncoding;
    boolean deprecatedPersonas;
    boolean omitTopLevelNames;
    boolean omitCounts;
    boolean updateLag;

    FakeAtlanStore(FakeClock clock) {
        this.clock = clock;
    }

    FakeClock clock() {
        return clock;
    }

    @Override
    public FakeAtlanStore snapshot() {
        FakeAtlanStore copy = new FakeAtlanStore(clock);
        copy.restore(this);
        return copy;
    }

    @Override
    public void restore(FakeAtlanStore from) {
        usersByBearer.clear();
        usersByBearer.putAll(from.usersByBearer);
        userIds.clear();
        userIds.putAll(from.userIds);
        personas.clear();
        personas.putAll(from.personas);
        tokens.clear();
        from.tokens.forEach((guid, t) -> tokens.put(guid, t.copy()));
        assets.clear();
        from.assets.forEach((guid, a) -> assets.put(guid, a.copy()));
        sequence = from.sequence;
        numbersAsStrings = from.numbersAsStrings;
        personaEncoding = from.personaEncoding;
        deprecatedPersonas = from.deprecatedPersonas;
        omitTopLevelNames = from.omitTopLevelNames;
        omitCounts = from.omitCounts;
        updateLag = from.updateLag;
    }

    // ------------------------------------------------------------------ users and personas

    void addUser(String username, String bearer) {
        usersByBearer.put(bearer, username);
        userIds.putIfAbsent(username, UUID.randomUUID().toString());
    }

    String userId(String username) {
        return userIds.computeIfAbsent(username, u -> UUID.randomUUID().toString());
    }

    /**
     * Who a bearer authenticates as: a seeded user, or a live token's service-account user.
     *
     * @return the username, or null for a 401
     */
    String authenticate(String bearer) {
        String user = usersByBearer.get(bearer);
        if (user != null) {
            return user;
        }
        long now = clock.instant().getEpochSecond();
        for (Token t : tokens.values()) {
            if (t.secret.equals(bearer)) {
                long expiry = t.createdAtMillis / 1000 + t.lifespan;
                // The identity server keeps expiry as a signed 32-bit second: past 2038 it wraps.
                boolean overflows = expiry > LAST_32BIT_SECOND;
                return overflows || now >= expiry ? null : t.username();
            }
        }
        return null;
    }

    /** The first of these personas that was never added, or null. */
    String firstUnknownPersona(Iterable<String> wanted) {
        for (String p : wanted) {
            if (!personas.containsKey(p)) {
                return p;
            }
        }
        return null;
    }

    /** Refuses a persona list naming one that was never added, as Atlas does: 400. */
    void requireKnownPersonas(List<String> wanted) {
        String unknown = firstUnknownPersona(wanted);
        if (unknown != null) {
            throw new Failure(400, "ATLAS-400-00-08A", "Persona with qualifiedName " + unknown + " not found");
        }
    }

    // ------------------------------------------------------------------ tokens

    /** Stores a new token, created now; its personas must be known. */
    Token newToken(String displayName, String description, List<String> personaList, long lifespan, String createdBy) {
        Token t = new Token(
                UUID.randomUUID().toString(),
                "apikey-" + UUID.randomUUID(),
                newSecret(),
                clock.millis(),
                lifespan,
                createdBy,
                sequence++,
                displayName,
                description,
                new ArrayList<>(personaList));
        tokens.put(t.guid, t);
        return t;
    }

    Token token(String guid) {
        Token t = tokens.get(guid);
        if (t == null) {
            throw Failure.tokenNotFound(guid);
        }
        return t;
    }

    /**
     * The tokens a list call matches, in order.
     *
     * @param field {@code displayName}, {@code clientId} or {@code id}, or null for all
     * @param value the value the field must equal
     * @param newestFirst the order by creation
     */
    List<Token> list(String field, String value, boolean newestFirst) {
        List<Token> matches = new ArrayList<>(tokens.values());
        if (field != null) {
            matches.removeIf(t -> !value.equals(
                    switch (field) {
                        case "displayName" -> t.displayName;
                        case "clientId" -> t.clientId;
                        default -> t.guid;
                    }));
        }
        Comparator<Token> order =
                Comparator.<Token>comparingLong(t -> t.createdAtMillis).thenComparingLong(t -> t.sequence);
        matches.sort(newestFirst ? order.reversed() : order);
        return matches;
    }

    /** Replaces a token's name, description and whole persona set. */
    void update(Token t, String displayName, String description, List<String> wanted) {
        requireKnownPersonas(wanted);
        t.displayName = displayName;
        t.description = description;
        t.personas = wanted;
    }

    void delete(String guid) {
        if (tokens.remove(guid) == null) {
            throw Failure.tokenNotFound(guid);
        }
    }

    // ------------------------------------------------------------------ assets

    Asset asset(String guid) {
        Asset a = assets.get(guid);
        if (a == null) {
            throw new IllegalArgumentException("no asset " + guid + ": call addAsset first");
        }
        return a;
    }

    /** The asset, when the caller may find it with index search. */
    Optional<Asset> readable(String guid, String caller) {
        Asset a = assets.get(guid);
        return a == null || !a.readers.contains(caller) ? Optional.empty() : Optional.of(a);
    }

    /**
     * The assets the caller may read where one of the given users is an admin or a viewer, in GUID
     * order.
     */
    List<Asset> readableWithUsers(String caller, Set<String> admins, Set<String> viewers) {
        return assets.values().stream()
                .filter(a -> a.readers.contains(caller))
                .filter(a -> a.adminUsers.stream().anyMatch(admins::contains)
                        || a.viewerUsers.stream().anyMatch(viewers::contains))
                .sorted(Comparator.comparing((Asset a) -> a.guid))
                .toList();
    }

    /**
     * Applies a bulk save entity by entity: a negative GUID finds the asset by type and qualified
     * name or creates it; only the attributes sent change.
     *
     * @throws Failure 403 at the first entity the caller may not write (earlier ones stay saved)
     */
    List<Saved> save(String caller, List<EntityChange> changes) {
        List<Saved> saved = new ArrayList<>();
        for (EntityChange e : changes) {
            boolean isNew = e.guid().startsWith("-");
            Asset a = isNew
                    ? assets.values().stream()
                            .filter(x -> x.typeName.equals(e.typeName()) && x.qualifiedName.equals(e.qualifiedName()))
                            .findFirst()
                            .orElse(null)
                    : assets.get(e.guid());
            String kind = "UPDATE";
            if (a == null) {
                a = new Asset(UUID.randomUUID().toString(), e.typeName(), e.qualifiedName(), e.name());
                a.readers.add(caller);
                a.writers.add(caller);
                assets.put(a.guid, a);
                kind = "CREATE";
            } else if (!a.writers.contains(caller)) {
                throw new Failure(
                        403,
                        "ATLAS-403-00-001",
                        caller + " is not authorized to perform update entity: " + e.typeName() + ":"
                                + e.qualifiedName());
            }
            boolean changed = kind.equals("CREATE");
            if (e.name() != null && !e.name().equals(a.name)) {
                a.name = e.name();
                changed = true;
            }
            if (e.adminUsers() != null) {
                changed |= !e.adminUsers().equals(a.adminUsers);
                a.adminUsers = new ArrayList<>(e.adminUsers());
            }
            if (e.viewerUsers() != null) {
                changed |= !e.viewerUsers().equals(a.viewerUsers);
                a.viewerUsers = new ArrayList<>(e.viewerUsers());
            }
            saved.add(new Saved(e.guid(), a, changed ? kind : null));
        }
        return saved;
    }

    private static String newSecret() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] payload = new byte[48];
        byte[] signature = new byte[32];
        RANDOM.nextBytes(payload);
        RANDOM.nextBytes(signature);
        return "eyJhbGciOiJSUzI1NiJ9." + b64.encodeToString(payload) + "." + b64.encodeToString(signature);
    }
}
