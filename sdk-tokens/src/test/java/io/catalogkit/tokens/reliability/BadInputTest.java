package io.catalogkit.tokens.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.alation.AccessTokenService;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.alation.RefreshTokenService;
import io.catalogkit.tokens.atlan.ApiTokenService;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.datahub.DataHubTokenService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table: every public operation and builder setting given arguments it must refuse.
 * Each case asserts the exception type, that the message names the argument, and that none of the
 * three fakes received a request.
 */
class BadInputTest {
    static final String GUID = "3f9c2a7e-8d41-4b6f-9e0a-5c7d1b2e4f60";
    static final String URN = "urn:li:corpuser:jdoe";
    static final String MEGABYTE = "x".repeat(1 << 20);
    static final Secret GOOD = Secret.of("good-secret-value-0001");
    static final SecretSink SINK = secret -> {};
    static final AccessTokenDuration WEEK = AccessTokenDuration.ONE_WEEK;

    /** One row: what is called, what must come out, and the argument its message must name. */
    record Case(String what, Class<? extends RuntimeException> type, String argument, ThrowingCallable call) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Fakes fakes;

    @BeforeAll
    static void start() {
        fakes = new Fakes();
        fakes.hub.addAdmin(URN);
        fakes.connect(
                fakes.atlan.addApiToken("admin").secret(),
                fakes.hub.addAccessToken(URN).secret(),
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    static Case npe(String what, String argument, ThrowingCallable call) {
        return new Case(what, NullPointerException.class, argument, call);
    }

    static Case iae(String what, String argument, ThrowingCallable call) {
        return new Case(what, IllegalArgumentException.class, argument, call);
    }

    static Set<String> many(int n) {
        return IntStream.range(0, n).mapToObj(i -> "default/p" + i).collect(Collectors.toSet());
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        atlanCases(c);
        alationCases(c);
        dataHubCases(c);
        return c;
    }

    static void atlanCases(List<Case> c) {
        ApiTokenService t = fakes.atlanClient.apiTokens();
        c.add(npe("atlan create null displayName", "displayName", () -> t.create(null, null, null, null)));
        c.add(iae("atlan create blank displayName", "displayName", () -> t.create(" ", null, null, null)));
        c.add(iae("atlan create newline in displayName", "displayName", () -> t.create("a\nb", null, null, null)));
        c.add(iae("atlan create NUL in displayName", "displayName", () -> t.create("a\0b", null, null, null)));
        c.add(iae("atlan create 256-char displayName", "displayName", () -> t.create("n".repeat(256), "", null, 60L)));
        c.add(iae("atlan create 1 MB displayName", "displayName", () -> t.create(MEGABYTE, null, null, null)));
        c.add(iae("atlan create NUL in description", "description", () -> t.create("n", "d\0", null, null)));
        c.add(iae("atlan create 1 MB description", "description", () -> t.create("n", MEGABYTE, null, null)));
        c.add(iae("atlan create blank persona", "personaQualifiedNames", () -> t.create("n", "", Set.of(""), null)));
        c.add(iae(
                "atlan create newline in persona",
                "personaQualifiedNames",
                () -> t.create("n", "", Set.of("default/a\nb"), null)));
        c.add(iae("atlan create 1001 personas", "personaQualifiedNames", () -> t.create("n", "", many(1001), null)));
        c.add(iae("atlan create zero validity", "validitySeconds", () -> t.create("n", "", Set.of(), 0L)));
        c.add(npe("atlan retrieveByName null", "displayName", () -> t.retrieveByName(null)));
        c.add(iae("atlan retrieveByName CRLF", "displayName", () -> t.retrieveByName("a\r\nb")));
        c.add(iae("atlan retrieveByName 1 MB", "displayName", () -> t.retrieveByName(MEGABYTE)));
        c.add(npe("atlan getById null", "clientId", () -> t.getById(null)));
        c.add(iae("atlan getById bare prefix", "clientId", () -> t.getById("service-account-")));
        c.add(iae("atlan getById newline", "clientId", () -> t.getById("apikey-\n")));
        c.add(iae("atlan getById padded", "clientId", () -> t.getById(" apikey-1")));
        c.add(npe("atlan getByGuid null", "guid", () -> t.getByGuid(null)));
        c.add(iae("atlan getByGuid empty", "guid", () -> t.getByGuid("")));
        c.add(iae("atlan getByGuid NUL", "guid", () -> t.getByGuid("g\0")));
        c.add(iae("atlan getByGuid 300 chars", "guid", () -> t.getByGuid("g".repeat(300))));
        c.add(iae("atlan list offset -1", "offset", () -> t.list(-1, 10)));
        c.add(iae("atlan list offset MIN_VALUE", "offset", () -> t.list(Integer.MIN_VALUE, 10)));
        c.add(iae("atlan list limit 0", "limit", () -> t.list(0, 0)));
        c.add(iae("atlan list limit -5", "limit", () -> t.list(0, -5)));
        c.add(iae("atlan list limit MAX_VALUE", "limit", () -> t.list(0, Integer.MAX_VALUE)));
        c.add(iae("atlan list limit MAX_SIZE+1", "limit", () -> t.list(0, Page.MAX_SIZE + 1)));
        c.add(iae("atlan list offset+limit overflows", "offset", () -> t.list(Integer.MAX_VALUE, 1)));
        c.add(npe("atlan update null guid", "guid", () -> t.update(null, "n", "", Set.of())));
        c.add(iae("atlan update newline guid", "guid", () -> t.update("g\n", "n", "", Set.of())));
        c.add(iae("atlan update blank displayName", "displayName", () -> t.update(GUID, "", "", Set.of())));
        c.add(iae("atlan update tab in displayName", "displayName", () -> t.update(GUID, "a\tb", "", Set.of())));
        c.add(iae("atlan update NUL description", "description", () -> t.update(GUID, null, "\0", null)));
        c.add(iae(
                "atlan update blank persona", "personaQualifiedNames", () -> t.update(GUID, null, null, Set.of(" "))));
        c.add(npe("atlan linkPersonas null guid", "guid", () -> t.linkPersonas(null, Set.of("default/p"))));
        c.add(npe("atlan linkPersonas null set", "add", () -> t.linkPersonas(GUID, null)));
        c.add(iae("atlan linkPersonas newline", "add", () -> t.linkPersonas(GUID, Set.of("a\nb"))));
        c.add(iae("atlan unlinkPersonas blank", "remove", () -> t.unlinkPersonas(GUID, Set.of(""))));
        c.add(iae("atlan unlinkPersonas blank guid", "guid", () -> t.unlinkPersonas("", Set.of("default/p"))));
        c.add(npe("atlan purge null", "guid", () -> t.purge(null)));
        c.add(iae("atlan purge CR", "guid", () -> t.purge("g\r")));
        c.add(iae("atlan purge 1 MB", "guid", () -> t.purge(MEGABYTE)));
        c.add(npe("atlan addAsAdmin null asset", "assetGuid", () -> t.addApiTokenAsAdmin(null, GOOD)));
        c.add(iae("atlan addAsAdmin newline asset", "assetGuid", () -> t.addApiTokenAsAdmin("g\n", GOOD)));
        c.add(npe("atlan addAsAdmin null token", "impersonationToken", () -> t.addApiTokenAsAdmin(GUID, null)));
        c.add(iae(
                "atlan addAsAdmin newline token",
                "impersonationToken",
                () -> t.addApiTokenAsAdmin(GUID, Secret.of("a\nb"))));
        c.add(npe("atlan addAsViewer null collection", "collectionGuid", () -> t.addApiTokenAsViewer(null, GOOD)));
        c.add(iae(
                "atlan addAsViewer non-ASCII token",
                "impersonationToken",
                () -> t.addApiTokenAsViewer(GUID, Secret.of("caf\u00e9"))));
        c.add(npe("atlan rotate null guid", "guid", () -> t.rotate(null, SINK)));
        c.add(iae("atlan rotate newline guid", "guid", () -> t.rotate("g\n", SINK)));
        c.add(npe("atlan rotate null sink", "sink", () -> t.rotate(GUID, null)));
        c.add(npe("atlan rotate null impersonation", "impersonationToken", () -> t.rotate(GUID, SINK, (Secret) null)));
        c.add(iae(
                "atlan builder apiKey with header injection",
                "apiKey",
                () -> AtlanClient.builder().apiKey(Secret.of("k\r\nX-Evil: 1"))));
        c.add(iae(
                "atlan builder 9000-char apiKey",
                "apiKey",
                () -> AtlanClient.builder().apiKey(Secret.of("k".repeat(9000)))));
    }

    static void alationCases(List<Case> c) {
        RefreshTokenService r = fakes.alationClient.refreshTokens();
        AccessTokenService a = fakes.alationClient.accessTokens();
        c.add(npe("alation createRefreshToken null username", "username", () -> r.create(null, GOOD, "n")));
        c.add(iae("alation createRefreshToken newline username", "username", () -> r.create("u\n", GOOD, "n")));
        c.add(iae(
                "alation createRefreshToken 300-char username",
                "username",
                () -> r.create("u".repeat(300), GOOD, "n")));
        c.add(npe("alation createRefreshToken null password", "password", () -> r.create("u", null, "n")));
        c.add(iae("alation createRefreshToken NUL password", "password", () -> r.create("u", Secret.of("p\0w"), "n")));
        c.add(iae("alation createRefreshToken blank name", "name", () -> r.create("u", GOOD, "")));
        c.add(iae("alation createRefreshToken newline name", "name", () -> r.create("u", GOOD, "n\n")));
        c.add(iae("alation createRefreshToken 1 MB name", "name", () -> r.create("u", GOOD, MEGABYTE)));
        c.add(npe("alation validateRefreshToken null", "refreshToken", () -> r.validate(null, 1)));
        c.add(iae("alation validateRefreshToken userId 0", "userId", () -> r.validate(GOOD, 0)));
        c.add(iae("alation validateRefreshToken userId -1", "userId", () -> r.validate(GOOD, -1)));
        c.add(iae("alation validateRefreshToken userId Long.MAX", "userId", () -> r.validate(GOOD, Long.MAX_VALUE)));
        c.add(iae("alation validateRefreshToken newline", "refreshToken", () -> r.validate(Secret.of("a\nb"), 1)));
        c.add(iae("alation regenerate userId 0", "userId", () -> r.regenerate(GOOD, 0)));
        c.add(iae("alation regenerate CR token", "refreshToken", () -> r.regenerate(Secret.of("a\rb"), 1)));
        c.add(iae("alation rotate userId Long.MIN", "userId", () -> r.rotate(GOOD, Long.MIN_VALUE, SINK)));
        c.add(npe("alation rotate null sink", "sink", () -> r.rotate(GOOD, 1, null)));
        c.add(iae("alation createAPIAccessToken userId 2^32", "userId", () -> a.create(GOOD, 1L << 32)));
        c.add(npe("alation createAPIAccessToken null", "refreshToken", () -> a.create(null, 1)));
        c.add(iae("alation validateAPIAccessToken NUL", "accessToken", () -> a.validate(Secret.of("x\0y"), 1)));
        c.add(iae("alation validateAPIAccessToken userId 0", "userId", () -> a.validate(GOOD, 0)));
        c.add(iae("alation revokeAll userId -7", "userId", () -> a.revokeAll(GOOD, -7)));
        c.add(iae(
                "alation builder refreshToken newline",
                "refreshToken",
                () -> AlationClient.builder().refreshToken(Secret.of("a\nb"), 1)));
        c.add(iae(
                "alation builder userId Long.MAX",
                "userId",
                () -> AlationClient.builder().refreshToken(GOOD, Long.MAX_VALUE)));
    }

    static void dataHubCases(List<Case> c) {
        DataHubTokenService d = fakes.hubClient.accessTokens();
        c.add(npe("datahub create null actorUrn", "actorUrn", () -> d.create(null, WEEK, "n", null)));
        c.add(iae("datahub create bare id actorUrn", "actorUrn", () -> d.create("jdoe", WEEK, "n", null)));
        c.add(iae("datahub create empty-id actorUrn", "actorUrn", () -> d.create("urn:li:corpuser:", WEEK, "n", null)));
        c.add(iae(
                "datahub create space in actorUrn",
                "actorUrn",
                () -> d.create("urn:li:corpuser:j doe", WEEK, "n", null)));
        c.add(iae("datahub create newline actorUrn", "actorUrn", () -> d.create(URN + "\n", WEEK, "n", null)));
        c.add(iae("datahub create group actorUrn", "actorUrn", () -> d.create("urn:li:corpGroup:x", WEEK, "n", null)));
        c.add(npe(
                "datahub create null duration",
                "duration",
                () -> d.create(URN, (AccessTokenDuration) null, "n", null)));
        c.add(iae("datahub create blank name", "name", () -> d.create(URN, WEEK, "", null)));
        c.add(iae("datahub create NUL name", "name", () -> d.create(URN, WEEK, "n\0", null)));
        c.add(iae("datahub create 1 MB name", "name", () -> d.create(URN, WEEK, MEGABYTE, null)));
        c.add(iae("datahub create NUL description", "description", () -> d.create(URN, WEEK, "n", "\0")));
        c.add(iae("datahub create 1 MB description", "description", () -> d.create(URN, WEEK, "n", MEGABYTE)));
        c.add(iae("datahub list start -1", "start", () -> d.list(-1, 10, null)));
        c.add(iae("datahub list count 0", "count", () -> d.list(0, 0, null)));
        c.add(iae("datahub list count MAX_VALUE", "count", () -> d.list(0, Integer.MAX_VALUE, null)));
        c.add(iae("datahub list start+count overflows", "start", () -> d.list(Integer.MAX_VALUE - 5, 10, URN)));
        c.add(iae("datahub list blank ownerUrn", "ownerUrn", () -> d.list(0, 10, "")));
        c.add(iae("datahub list bare ownerUrn", "ownerUrn", () -> d.list(0, 10, "jdoe")));
        c.add(iae("datahub list newline ownerUrn", "ownerUrn", () -> d.list(0, 10, "urn:li:corpuser:a\nb")));
        c.add(npe("datahub revoke null", "tokenId", () -> d.revoke(null)));
        c.add(iae("datahub revoke empty", "tokenId", () -> d.revoke("")));
        c.add(iae("datahub revoke newline", "tokenId", () -> d.revoke("id\n")));
        c.add(iae("datahub revoke a JWT", "tokenId", () -> d.revoke("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")));
        c.add(npe("datahub getMetadata null", "token", () -> d.getMetadata(null)));
        c.add(iae("datahub getMetadata control char", "token", () -> d.getMetadata(Secret.of("a\u0001b"))));
        c.add(npe("datahub rotate null id", "tokenId", () -> d.rotate(null, WEEK, SINK)));
        c.add(npe("datahub rotate null duration", "duration", () -> d.rotate("id", null, SINK)));
        c.add(npe("datahub rotate null sink", "sink", () -> d.rotate("id", WEEK, null)));
        c.add(iae(
                "datahub builder token with header injection",
                "token",
                () -> DataHubClient.builder().token(Secret.of("t\r\nX-Evil: 1"))));
    }

    static Stream<Case> table() {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void refusedBeforeSendingWithTheArgumentNamed(Case c) {
        Throwable thrown = catchThrowable(c.call());
        assertThat(thrown).as(c.what()).isExactlyInstanceOf(c.type());
        assertThat(thrown.getMessage()).as(c.what()).contains(c.argument());
        assertThat(fakes.atlan.requests()).as(c.what() + ": Atlan received").isEmpty();
        assertThat(fakes.alation.requests()).as(c.what() + ": Alation received").isEmpty();
        assertThat(fakes.hub.requests()).as(c.what() + ": DataHub received").isEmpty();
    }

    @Test
    void theTableIsLargeAndNoMessageQuotesAHugeValue() {
        List<Case> all = cases();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        long nulls =
                all.stream().filter(c -> c.type() == NullPointerException.class).count();
        Figures.record(
                "bad-input",
                "bad input: " + all.size() + " cases (" + nulls + " null, " + (all.size() - nulls)
                        + " malformed), each refused before sending with the argument named");
        for (Case c : all) {
            String message = catchThrowable(c.call()).getMessage();
            assertThat(message.length()).as(c.what()).isLessThan(400);
            assertThat(message).as(c.what()).doesNotContain("\n", "\r", "\0");
        }
    }
}
