package io.catalogkit.testing;

import io.catalogkit.core.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An in-memory, stateful fake of Atlan's API token endpoints on a real loopback port, following the
 * Atlan wire contract: {@code /api/service/apikeys} (list with filters, create, update, delete),
 * {@code /api/service/users/current}, index search and bulk save for connections and collections.
 * Thread-safe.
 *
 * <pre>{@code
 * try (FakeAtlan atlan = new FakeAtlan().start()) {
 *     FakeAtlan.SeededToken admin = atlan.addApiToken("admin");
 *     atlan.addUser("jdoe", "jdoe-bearer").addPersona("default/engineers", "Engineers");
 *     AtlanClient client = AtlanClient.builder().baseUrl(atlan.baseUrl()).apiKey(admin.secret()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Behaviour: every call needs {@code Authorization: Bearer} with a seeded user's bearer or a
 * live token's secret (else 401). A created token's secret works as a bearer until the token is
 * deleted, expires on the fake's {@link #clock()}, or was created with an expiry past
 * 2038-01-19T03:14:07Z, which Atlan's identity server cannot store (its bearer then gets 401 from
 * birth). Display names need not be unique. Updates replace the persona set (what is left out is
 * unlinked); an unknown persona gives 400 with an Atlas-style error body. Index search returns only
 * assets the caller may read; bulk save changes only the attributes sent, and only for a caller
 * allowed to write the asset (else 403). Answers use the encodings the real server uses per
 * endpoint (numbers as strings in lists, persona lists as a JSON-encoded string, and so on); the
 * switches below force one encoding everywhere. The fake logs nothing.
 *
 * <p>Seeding follows the fakes' one convention: a method that seeds a token returns a record with
 * its ids and its {@link Secret}; every other seeding or setting method returns the fake, for
 * chaining. {@link #reset()} goes back to the state saved by {@link #markSeeded()}, switches
 * included.
 */
public final class FakeAtlan extends FakeServer<FakeAtlan> {
    /** How a persona list is written in answers. */
    public enum PersonaEncoding {
        /** A list of objects {@code {id, persona, personaQualifiedName}}, as create answers. */
        OBJECTS,
        /** A list of qualified names, as update answers. */
        STRINGS,
        /** A JSON string holding a list of objects. */
        ENCODED_OBJECTS,
        /** A JSON string holding a list of qualified names, as list answers. */
        ENCODED_STRINGS
    }

    /**
     * A token seeded with {@link #addApiToken}. Its {@code toString} shows the secret redacted.
     *
     * @param guid the token's GUID
     * @param clientId its client id, {@code apikey-<uuid>}
     * @param displayName its display name
     * @param secret its secret, usable as a bearer
     */
    public record SeededToken(String guid, String clientId, String displayName, Secret secret) {
        /**
         * The username Atlan knows the token by.
         *
         * @return {@code service-account-<clientId>}
         */
        public String username() {
            return "service-account-" + clientId;
        }
    }

    private final FakeState<FakeAtlanStore> state;

    /** A fake whose clock shows the current time; call {@link #start()} before use. */
    public FakeAtlan() {
        this(new FakeClock());
    }

    /**
     * A fake with the given clock; call {@link #start()} before use.
     *
     * @param clock the clock tokens are created and expire by (share it with the client under test)
     */
    public FakeAtlan(FakeClock clock) {
        super(Objects.requireNonNull(clock, "clock"));
        this.state = new FakeState<>(new FakeAtlanStore(clock));
    }

    // ------------------------------------------------------------------ seeding

    /**
     * Adds a real user (not an API token) with a bearer token, e.g. the one whose token is used as
     * the impersonation token.
     *
     * @param username the username, e.g. {@code jdoe}
     * @param bearer the bearer token value that authenticates as this user
     * @return this fake
     */
    public FakeAtlan addUser(String username, String bearer) {
        requireText(username, "username");
        requireText(bearer, "bearer");
        return change(s -> s.addUser(username, bearer));
    }

    /**
     * Adds a persona that tokens may be linked to.
     *
     * @param qualifiedName the persona's qualified name, e.g. {@code default/Tq8vNw3LkZp2Rx7Ym4Hc1J}
     * @param name its display name
     * @return this fake
     */
    public FakeAtlan addPersona(String qualifiedName, String name) {
        requireText(qualifiedName, "qualifiedName");
        Objects.requireNonNull(name, "name");
        return change(s -> s.personas.put(
                qualifiedName, new FakeAtlanStore.Persona(UUID.randomUUID().toString(), name)));
    }

    /**
     * Adds an API token, as if created now by user {@code fake-admin}.
     *
     * @param displayName the display name
     * @param description the description, or {@code ""}
     * @param personaQualifiedNames the linked personas (each must have been added)
     * @param lifespanSeconds the validity in seconds
     * @return the token, with the secret that works as its bearer
     */
    public SeededToken addApiToken(
            String displayName, String description, Set<String> personaQualifiedNames, long lifespanSeconds) {
        requireText(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        return state.read(s -> {
            String unknown = s.firstUnknownPersona(personaQualifiedNames);
            if (unknown != null) {
                throw new IllegalArgumentException("unknown persona " + unknown + ": call addPersona first");
            }
            FakeAtlanStore.Token t = s.newToken(
                    displayName, description, new ArrayList<>(personaQualifiedNames), lifespanSeconds, "fake-admin");
            return new SeededToken(t.guid, t.clientId, t.displayName, Secret.of(t.secret));
        });
    }

    /**
     * Adds an API token without description or personas, valid for 5 years.
     *
     * @param displayName the display name
     * @return the token, with the secret that works as its bearer
     */
    public SeededToken addApiToken(String displayName) {
        return addApiToken(displayName, "", Set.of(), 157_680_000L);
    }

    /**
     * Adds an asset that index search and bulk save can reach, e.g. a {@code Connection} or a
     * {@code Collection}, with no admins or viewers and no one allowed to read or write it yet.
     *
     * @param guid the asset's GUID
     * @param typeName its type, e.g. {@code Connection}
     * @param qualifiedName its qualified name, e.g. {@code default/snowflake/1735689600}
     * @param name its name
     * @return this fake
     */
    public FakeAtlan addAsset(String guid, String typeName, String qualifiedName, String name) {
        requireText(guid, "guid");
        requireText(typeName, "typeName");
        requireText(qualifiedName, "qualifiedName");
        return change(s -> s.assets.put(guid, new FakeAtlanStore.Asset(guid, typeName, qualifiedName, name)));
    }

    /**
     * Sets an asset's {@code adminUsers}.
     *
     * @param assetGuid the asset's GUID
     * @param usernames the admins, in order
     * @return this fake
     */
    public FakeAtlan setAdminUsers(String assetGuid, String... usernames) {
        return change(s -> s.asset(assetGuid).adminUsers = new ArrayList<>(List.of(usernames)));
    }

    /**
     * Sets an asset's {@code viewerUsers}.
     *
     * @param assetGuid the asset's GUID
     * @param usernames the viewers, in order
     * @return this fake
     */
    public FakeAtlan setViewerUsers(String assetGuid, String... usernames) {
        return change(s -> s.asset(assetGuid).viewerUsers = new ArrayList<>(List.of(usernames)));
    }

    /**
     * Lets users find an asset with index search.
     *
     * @param assetGuid the asset's GUID
     * @param usernames the users (or {@code service-account-...} token users)
     * @return this fake
     */
    public FakeAtlan allowRead(String assetGuid, String... usernames) {
        return change(s -> s.asset(assetGuid).readers.addAll(List.of(usernames)));
    }

    /**
     * Lets users read and change an asset with bulk save.
     *
     * @param assetGuid the asset's GUID
     * @param usernames the users
     * @return this fake
     */
    public FakeAtlan allowWrite(String assetGuid, String... usernames) {
        return change(s -> {
            FakeAtlanStore.Asset a = s.asset(assetGuid);
            a.readers.addAll(List.of(usernames));
            a.writers.addAll(List.of(usernames));
        });
    }

    // ------------------------------------------------------------------ switches

    /**
     * Forces how {@code createdAt} and {@code access.token.lifespan} are written in every answer.
     *
     * @param asStrings true for JSON strings ({@code "1735689600000"}), false for numbers
     * @return this fake
     */
    public FakeAtlan numbersAsStrings(boolean asStrings) {
        return change(s -> s.numbersAsStrings = asStrings);
    }

    /**
     * Forces how persona lists are written in every answer.
     *
     * @param encoding the encoding
     * @return this fake
     */
    public FakeAtlan personaEncoding(PersonaEncoding encoding) {
        Objects.requireNonNull(encoding, "encoding");
        return change(s -> s.personaEncoding = encoding);
    }

    /**
     * Adds the deprecated {@code attributes.personas} (a list of objects) to every token answer.
     *
     * @param on true to add it
     * @return this fake
     */
    public FakeAtlan deprecatedPersonas(boolean on) {
        return change(s -> s.deprecatedPersonas = on);
    }

    /**
     * Leaves the top-level {@code clientId} and {@code displayName} out of token answers, so that
     * they appear only under {@code attributes}.
     *
     * @param on true to leave them out
     * @return this fake
     */
    public FakeAtlan omitTopLevelNames(boolean on) {
        return change(s -> s.omitTopLevelNames = on);
    }

    /**
     * Leaves {@code totalRecord} and {@code filterRecord} out of list answers, as a server that
     * ignores {@code count=true} would.
     *
     * @param on true to leave them out
     * @return this fake
     */
    public FakeAtlan omitCounts(boolean on) {
        return change(s -> s.omitCounts = on);
    }

    /**
     * Makes updates answer with the persona list as it was before the update (the change is stored
     * and shows in later reads), as Atlan was seen to do.
     *
     * @param on true to lag
     * @return this fake
     */
    public FakeAtlan updateLag(boolean on) {
        return change(s -> s.updateLag = on);
    }

    // ------------------------------------------------------------------ inspection

    /**
     * An asset's current {@code adminUsers}.
     *
     * @param assetGuid the asset's GUID
     * @return a copy, in order
     */
    public List<String> adminUsers(String assetGuid) {
        return state.read(s -> List.copyOf(s.asset(assetGuid).adminUsers));
    }

    /**
     * An asset's current {@code viewerUsers}.
     *
     * @param assetGuid the asset's GUID
     * @return a copy, in order
     */
    public List<String> viewerUsers(String assetGuid) {
        return state.read(s -> List.copyOf(s.asset(assetGuid).viewerUsers));
    }

    /**
     * How many API tokens exist.
     *
     * @return the count
     */
    public int tokenCount() {
        return state.read(s -> s.tokens.size());
    }

    /**
     * The GUIDs of the tokens with a display name.
     *
     * @param displayName the exact name
     * @return the GUIDs, oldest first
     */
    public List<String> tokenGuids(String displayName) {
        return state.read(s -> s.tokens.values().stream()
                .filter(t -> t.displayName.equals(displayName))
                .map(t -> t.guid)
                .toList());
    }

    /**
     * The personas linked to a token, as stored.
     *
     * @param tokenGuid the token's GUID
     * @return the qualified names in order, or empty when no token has that GUID
     */
    public Optional<List<String>> personasOf(String tokenGuid) {
        return state.read(s -> Optional.ofNullable(s.tokens.get(tokenGuid)).map(t -> List.copyOf(t.personas)));
    }

    // ------------------------------------------------------------------ handling and reset

    @Override
    protected Reply handle(RecordedCall call) {
        return state.read(s -> FakeAtlanRoutes.handle(s, call));
    }

    /** Saves the users, personas, tokens, assets and switches for {@link #reset()}. */
    @Override
    protected void saveSeededState() {
        state.save();
    }

    /** Restores what {@link #saveSeededState()} saved. */
    @Override
    protected void restoreSeededState() {
        state.restore();
    }

    private FakeAtlan change(Consumer<FakeAtlanStore> change) {
        state.change(change);
        return this;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
