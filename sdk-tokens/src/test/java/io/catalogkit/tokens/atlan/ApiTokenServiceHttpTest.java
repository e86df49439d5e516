package io.catalogkit.tokens.atlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.RateLimitedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.MockAnswers;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.StderrCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exactly what goes over the wire for every call, and how each answer variant is read. */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class ApiTokenServiceHttpTest {
    static final String KEY = "eyJhbGciOiJSUzI1NiJ9.client-key.sig";
    static final String IMP = "impersonation-bearer-0123456789";
    static final String GUID = "3f9c2b71-5d0e-4a6b-8c19-7e2d4f6a1b35";
    static final String CLIENT = "apikey-b7e4d2a0-91c3-4f58-a6d2-0c8e5f1b3a97";
    static final String SA = "service-account-" + CLIENT;
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String P2 = "default/Hk2mPq9XwL4nVz7Rb3Dy8S";
    static final String P3 = "default/Zz9yXw8VuT7sRq6PoN5mLk";
    static final String CONN = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @StartStop
    final MockWebServer server = new MockWebServer();

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    AtlanClient client;
    ApiTokenService tokens;

    @BeforeEach
    void setUp() {
        client = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of(KEY))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .sleeper(sleeps::add)
                .build();
        tokens = client.apiTokens();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    // ------------------------------------------------------------------ helpers

    void answer(int code, String json) {
        server.enqueue(MockAnswers.json(code, json.replace('\'', '"')));
    }

    void answerEmpty(int code) {
        server.enqueue(new MockResponse.Builder().code(code).build());
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a request was sent").isNotNull();
        return r;
    }

    static JsonNode body(RecordedRequest r) throws Exception {
        return Json.MAPPER.readTree(r.getBody().utf8());
    }

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    static void assertHeaders(RecordedRequest r, String bearer) {
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + bearer);
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(r.getHeaders().get("X-Atlan-Request-Id"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    static String record(String guid, String name) {
        return "{'id':'" + guid + "','clientId':'" + CLIENT + "','displayName':'" + name + "','attributes':{"
                + "'description':'','createdAt':'1735689600000','createdBy':'jdoe','access.token.lifespan':'157680000',"
                + "'personaQualifiedName':'[\\'" + P1 + "\\']','workspacePermissions':'[]'}}";
    }

    static String recordWithPersonas(String guid, String name, String description, String... personas) {
        StringBuilder list = new StringBuilder();
        for (String p : personas) {
            list.append(list.length() == 0 ? "" : ",").append("'").append(p).append("'");
        }
        return "{'id':'" + guid + "','clientId':'" + CLIENT + "','displayName':'" + name + "','attributes':{"
                + "'description':'" + description + "','createdAt':1735689600000,'access.token.lifespan':157680000,"
                + "'personaQualifiedName':[" + list + "]}}";
    }

    static String listing(int total, int filtered, String... records) {
        return "{'totalRecord':" + total + ",'filterRecord':" + filtered + ",'records':[" + String.join(",", records)
                + "]}";
    }

    static String lookupQuery(String filterJson) {
        return "limit=100&offset=0&sort=-createdAt&count=true&filter=" + filterJson;
    }

    // ------------------------------------------------------------------ create

    @Test
    void createSendsTheContractBodyAndReadsTheSecret() throws Exception {
        answer(
                200,
                "{'id':'" + GUID + "','clientId':'" + CLIENT + "','displayName':'nightly-sync','attributes':{"
                        + "'clientId':'" + CLIENT + "','displayName':'nightly-sync','description':'',"
                        + "'createdAt':1735689600000,'createdBy':'jdoe','access.token.lifespan':157680000,"
                        + "'accessToken':'eyJhbGciOiJSUzI1NiJ9.example.signature',"
                        + "'personaQualifiedName':[{'id':'8d2e61f0','persona':'Data Engineers',"
                        + "'personaQualifiedName':'" + P1 + "'}],'workspacePermissions':[]}}");
        ApiToken t = tokens.create("nightly-sync", null, Set.of(P1), null);

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/service/apikeys");
        assertThat(r.getUrl().query()).isNull();
        assertHeaders(r, KEY);
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(r))
                .isEqualTo(
                        json("{'personas':[],'displayName':'nightly-sync','description':'','personaQualifiedNames':['"
                                + P1 + "'],'validitySeconds':157680000}"));

        assertThat(t.getGuid()).isEqualTo(GUID);
        assertThat(t.getClientId()).isEqualTo(CLIENT);
        assertThat(t.getDisplayName()).isEqualTo("nightly-sync");
        assertThat(t.getPersonaQualifiedNames()).containsExactly(P1);
        assertThat(t.getAccessToken().map(Secret::reveal)).contains("eyJhbGciOiJSUzI1NiJ9.example.signature");
        assertThat(t.getValiditySeconds()).contains(157_680_000L);
        assertThat(t.getCreatedBy()).contains("jdoe");
        assertThat(t.getExpiresAt())
                .contains(Instant.ofEpochMilli(1_735_689_600_000L).plusSeconds(157_680_000L));
        assertThat(t.getServiceAccountUsername()).isEqualTo(SA);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void createSendsDescriptionPersonasAndAGivenValidityAsIs() throws Exception {
        answer(200, "{'id':'g','clientId':'apikey-1','displayName':'n','attributes':{'accessToken':'s3cr3t-value'}}");
        Set<String> personas = new LinkedHashSet<>(List.of(P1, P2));
        tokens.create("n", "dbt nightly job", personas, 3600L);
        assertThat(body(take()))
                .isEqualTo(json(
                        "{'personas':[],'displayName':'n','description':'dbt nightly job','personaQualifiedNames':['"
                                + P1 + "','" + P2 + "'],'validitySeconds':3600}"));
    }

    @Test
    void createClampsWithTheClientClockAfter2033() throws Exception {
        client.close();
        client = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of(KEY))
                .clock(Clock.fixed(Instant.parse("2034-01-01T00:00:00Z"), ZoneOffset.UTC))
                .build();
        answer(200, "{'id':'g','clientId':'apikey-1','displayName':'n','attributes':{'accessToken':'s3cr3t-value'}}");
        answer(200, "{'id':'g','clientId':'apikey-1','displayName':'n','attributes':{'accessToken':'s3cr3t-value'}}");
        try (StderrCapture err = new StderrCapture()) {
            client.apiTokens().create("n", "", Set.of(), 409_968_000L);
            client.apiTokens().create("n", "", Set.of(), 157_680_000L);
            assertThat(err.text()).contains("sending validitySeconds 127793647");
        }
        assertThat(body(take()).get("validitySeconds").asLong()).isEqualTo(127_793_647L);
        assertThat(body(take()).get("validitySeconds").asLong()).isEqualTo(127_793_647L);
    }

    @Test
    void createRejectsBadArgumentsBeforeSending() {
        assertThatThrownBy(() -> tokens.create("n", "", Set.of(), 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validitySeconds");
        assertThatThrownBy(() -> tokens.create(" ", "", Set.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("displayName");
        assertThatThrownBy(() -> tokens.create(null, "", Set.of(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("displayName");
        Set<String> withBlank = new LinkedHashSet<>(List.of(P1, ""));
        assertThatThrownBy(() -> tokens.create("n", "", withBlank, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("personaQualifiedNames");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void createIsNotReplayedAfterA503AndSaysToLookTheNameUp() throws Exception {
        answer(503, "{'message':'upstream timeout'}");
        answer(200, "{}");
        assertThatThrownBy(() -> tokens.create("n", "", Set.of(), null))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("may exist anyway")
                .hasMessageContaining("retrieveByName");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void createIsNotReplayedAfterADisconnectAndSaysToLookTheNameUp() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        answer(200, "{}");
        assertThatThrownBy(() -> tokens.create("n", "", Set.of(), null))
                .isInstanceOfSatisfying(
                        TransportException.class,
                        e -> assertThat(e.mayHaveReachedServer()).isTrue())
                .hasMessageContaining("not repeated")
                .hasMessageContaining("retrieveByName");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void createIsRetriedOn429ButNotBeyondMaxRetries() {
        // a 429 says nothing was done: repeating the create cannot make a second token
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(429)
                    .setHeader("Retry-After", "0")
                    .build());
        }
        assertThatThrownBy(() -> tokens.create("n", "", Set.of(), null)).isInstanceOf(RateLimitedException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void createHasALongTimeoutOfItsOwn() throws Exception {
        client.close();
        client = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of(KEY))
                .readTimeout(Duration.ofMillis(100))
                .maxRetries(0)
                .build();
        MockResponse slow = new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"id\":\"g\",\"clientId\":\"apikey-1\",\"displayName\":\"n\","
                        + "\"attributes\":{\"accessToken\":\"s3cr3t-value\"}}")
                .headersDelay(400, TimeUnit.MILLISECONDS)
                .build();
        server.enqueue(slow);
        server.enqueue(slow);
        assertThat(client.apiTokens().create("n", "", Set.of(), null).getGuid()).isEqualTo("g");
        assertThatThrownBy(() -> client.apiTokens().getByGuid("g")).isInstanceOf(TransportException.class);
    }

    @Test
    void anExplicitCallTimeoutWinsOverCreatesOwn() throws Exception {
        client.close();
        client = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of(KEY))
                .callTimeout(Duration.ofMillis(100))
                .build();
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"id\":\"g\",\"clientId\":\"apikey-1\",\"displayName\":\"n\","
                        + "\"attributes\":{\"accessToken\":\"s3cr3t-value\"}}")
                .headersDelay(400, TimeUnit.MILLISECONDS)
                .build());
        assertThatThrownBy(() -> client.apiTokens().create("n", "", Set.of(), null))
                .isInstanceOfSatisfying(
                        TransportException.class,
                        e -> assertThat(e.mayHaveReachedServer()).isTrue())
                .hasMessageContaining("timed out");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void createAnswerWithoutSecretOrIdIsMalformed() {
        answer(200, "{'id':'g','clientId':'apikey-1','displayName':'n','attributes':{}}");
        assertThatThrownBy(() -> tokens.create("n", "", Set.of(), null))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("accessToken")
                .hasMessageContaining("g")
                .hasMessageContaining("purge");
        answer(200, "{'clientId':'apikey-1','displayName':'n','attributes':{'accessToken':'s3cr3t-value'}}");
        assertThatThrownBy(() -> tokens.create("n", "", Set.of(), null))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("'id'")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void createMapsAnUnknownPersonaTo400WithAtlansCode() {
        answer(400, "{'code':400,'errorCode':'ATLAS-400-00-08A','errorMessage':'Persona default/x not found'}");
        assertThatThrownBy(() -> tokens.create("n", "", Set.of("default/x"), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).contains("ATLAS-400-00-08A");
                    assertThat(e.method()).isEqualTo("POST");
                    assertThat(e.path()).isEqualTo("/api/service/apikeys");
                    assertThat(e.requestId()).isPresent();
                })
                .hasMessageContaining("Persona default/x not found");
    }

    // ------------------------------------------------------------------ look-ups

    @Test
    void retrieveByNameSendsOneFilteredRequestEncodedByTheUrlBuilder() throws Exception {
        answer(200, listing(37, 1, record(GUID, "nightly sync")));
        ApiToken t = tokens.retrieveByName("nightly sync").orElseThrow();
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/service/apikeys");
        assertThat(r.getUrl().encodedQuery()).isEqualTo(lookupQuery("%7B%22displayName%22%3A%22nightly%20sync%22%7D"));
        assertHeaders(r, KEY);
        assertThat(r.getBodySize()).isZero();
        assertThat(t.getGuid()).isEqualTo(GUID);
        assertThat(t.getPersonaQualifiedNames()).containsExactly(P1);
        assertThat(t.getCreatedAt()).contains(Instant.ofEpochMilli(1_735_689_600_000L));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void namesWithQuotesBackslashesUnicodeAndUrlCharactersSurviveTheRoundTrip() throws Exception {
        String name = "a \"quoted\" \\ name & co + 100% #1 ü 日本 ?x=y";
        answer(200, listing(1, 0));
        assertThat(tokens.retrieveByName(name)).isEmpty();
        RecordedRequest r = take();
        JsonNode filter = Json.MAPPER.readTree(r.getUrl().queryParameter("filter"));
        assertThat(filter.get("displayName").asText()).isEqualTo(name);
        assertThat(filter.size()).isEqualTo(1);
        assertThat(r.getUrl().queryParameterNames()).containsExactly("limit", "offset", "sort", "count", "filter");
        assertThat(r.getUrl().encodedQuery())
                .isEqualTo(lookupQuery("%7B%22displayName%22%3A%22a%20%5C%22quoted%5C%22%20%5C%5C%20name%20%26%20co"
                        + "%20%2B%20100%25%20%231%20%C3%BC%20%E6%97%A5%E6%9C%AC%20%3Fx%3Dy%22%7D"));
    }

    @Test
    void lookupsKeepOnlyExactMatches() throws Exception {
        answer(200, listing(3, 2, record("g1", "Nightly"), record("g2", "nightly ")));
        assertThat(tokens.retrieveByName("nightly")).isEmpty();
    }

    @Test
    void duplicateNamesAreReportedWithTheirGuids() {
        answer(200, listing(3, 2, record("guid-one", "dup"), record("guid-two", "dup")));
        assertThatThrownBy(() -> tokens.retrieveByName("dup"))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("2 API tokens")
                .hasMessageContaining("guid-one")
                .hasMessageContaining("guid-two")
                .hasMessageContaining("getByGuid");
    }

    @Test
    void getByIdStripsTheServiceAccountPrefix() throws Exception {
        answer(200, listing(1, 1, record(GUID, "n")));
        answer(200, listing(1, 1, record(GUID, "n")));
        assertThat(tokens.getById(SA).map(ApiToken::getGuid)).contains(GUID);
        assertThat(tokens.getById(CLIENT).map(ApiToken::getGuid)).contains(GUID);
        for (int i = 0; i < 2; i++) {
            RecordedRequest r = take();
            assertThat(r.getUrl().encodedQuery()).isEqualTo(lookupQuery("%7B%22clientId%22%3A%22" + CLIENT + "%22%7D"));
        }
        assertThatThrownBy(() -> tokens.getById("service-account-")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getByGuidFiltersOnIdAndAnEmptyAnswerIsEmpty() throws Exception {
        answer(200, "{'totalRecord':36,'filterRecord':0,'records':[]}");
        assertThat(tokens.getByGuid(GUID)).isEmpty();
        RecordedRequest r = take();
        assertThat(r.getUrl().encodedQuery()).isEqualTo(lookupQuery("%7B%22id%22%3A%22" + GUID + "%22%7D"));
        answer(200, "{'records':null}");
        assertThat(tokens.getByGuid(GUID)).isEmpty();
        answer(200, "{}");
        assertThat(tokens.getByGuid(GUID)).isEmpty();
    }

    @Test
    void lookupsAreRetriedOn503And429() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "3")
                .build());
        answer(200, listing(1, 1, record(GUID, "n")));
        assertThat(tokens.getByGuid(GUID)).isPresent();
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeps).hasSize(2).endsWith(Duration.ofSeconds(3));
    }

    @Test
    void a503AfterRetriesIsAnErrorNeverNoResult() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }
        assertThatThrownBy(() -> tokens.retrieveByName("n")).isInstanceOf(ServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void errorAndMalformedAnswersOfLookups() {
        answer(401, "{'status':401,'url':'/api/service/apikeys'}");
        assertThatThrownBy(() -> tokens.retrieveByName("n"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining(KEY);
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html")
                .body("<html>login</html>")
                .build());
        assertThatThrownBy(() -> tokens.retrieveByName("n"))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("HTML");
        answer(200, "[]");
        assertThatThrownBy(() -> tokens.retrieveByName("n")).isInstanceOf(MalformedResponseException.class);
        answer(200, "{'records':{}}");
        assertThatThrownBy(() -> tokens.retrieveByName("n"))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("records");
        answer(200, "{'records':[{'id':'g','displayName':'n'}]}");
        assertThatThrownBy(() -> tokens.retrieveByName("n"))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("clientId");
        answer(
                200,
                "{'records':[{'id':'g','clientId':'apikey-1','displayName':'n',"
                        + "'attributes':{'personaQualifiedName':'default/not-a-list'}}]}");
        assertThatThrownBy(() -> tokens.retrieveByName("n"))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("personaQualifiedName");
    }

    // ------------------------------------------------------------------ list

    @Test
    void listWalksOffsetAndLimitUntilFilterRecordIsReached() throws Exception {
        answer(200, listing(5, 5, record("g1", "a"), record("g2", "b")));
        answer(200, listing(5, 5, record("g3", "c"), record("g4", "d")));
        answer(200, listing(5, 5, record("g5", "e")));
        Page<ApiToken> page = tokens.list(0, 2);
        assertThat(page.getTotal()).isEqualTo(5);
        assertThat(page.hasNextPage()).isTrue();
        assertThat(server.getRequestCount()).as("lazy").isEqualTo(1);
        assertThat(page.autoPager().map(ApiToken::getGuid)).containsExactly("g1", "g2", "g3", "g4", "g5");
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queries.add(take().getUrl().encodedQuery());
        }
        assertThat(queries)
                .containsExactly(
                        "limit=2&offset=0&sort=-createdAt&count=true",
                        "limit=2&offset=2&sort=-createdAt&count=true",
                        "limit=2&offset=4&sort=-createdAt&count=true");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void listFollowsAServerThatReturnsFewerThanTheLimit() throws Exception {
        answer(200, listing(3, 3, record("g1", "a")));
        answer(200, listing(3, 3, record("g2", "b"), record("g3", "c")));
        assertThat(tokens.list(0, 50).autoPager().count()).isEqualTo(3);
        take();
        assertThat(take().getUrl().queryParameter("offset")).isEqualTo("1");
    }

    @Test
    void listDerivesMorePagesFromAFullPageWhenCountsAreMissing() throws Exception {
        answer(200, "{'records':[" + record("g1", "a") + "," + record("g2", "b") + "]}");
        answer(200, "{'totalRecord':0,'filterRecord':0,'records':[" + record("g3", "c") + "]}");
        Page<ApiToken> first = tokens.list(0, 2);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.getTotal()).isEqualTo(2);
        Page<ApiToken> second = first.nextPage();
        assertThat(second.hasNextPage()).isFalse();
        assertThat(second.getItems()).extracting(ApiToken::getGuid).containsExactly("g3");
        assertThat(second.getTotal()).isEqualTo(3);
    }

    @Test
    void listStopsOnAnEmptyPageAndReadsStringCounts() {
        answer(200, "{'totalRecord':'4','filterRecord':'4','records':[]}");
        Page<ApiToken> page = tokens.list(4, 2);
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.getTotal()).isEqualTo(4);
        answer(200, "{'records':null}");
        assertThat(tokens.list(0, 2).getTotal()).isZero();
    }

    @Test
    void listRejectsBadArguments() {
        assertThatThrownBy(() -> tokens.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    // ------------------------------------------------------------------ update and personas

    @Test
    void updateWithEveryValueSendsOneRequestWithTheCompleteSet() throws Exception {
        answer(200, recordWithPersonas(GUID, "nightly-sync", "dbt nightly job", P1, P2));
        ApiToken t = tokens.update(GUID, "nightly-sync", "dbt nightly job", new LinkedHashSet<>(List.of(P1, P2)));
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/service/apikeys/" + GUID);
        assertThat(r.getUrl().query()).isNull();
        assertHeaders(r, KEY);
        assertThat(body(r))
                .isEqualTo(json("{'personas':[],'displayName':'nightly-sync','description':'dbt nightly job',"
                        + "'personaQualifiedNames':['" + P1 + "','" + P2 + "']}"));
        assertThat(body(r).has("validitySeconds")).isFalse();
        assertThat(t.getPersonaQualifiedNames()).containsExactly(P1, P2);
        assertThat(t.getDescription()).contains("dbt nightly job");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void updateWithNullsReadsFirstAndKeepsTheCurrentValues() throws Exception {
        answer(200, listing(1, 1, recordWithPersonas(GUID, "old", "keep me", P1, P2)));
        answer(200, recordWithPersonas(GUID, "new", "keep me", P1, P2));
        tokens.update(GUID, "new", null, null);
        RecordedRequest read = take();
        assertThat(read.getMethod()).isEqualTo("GET");
        assertThat(read.getUrl().queryParameter("filter")).isEqualTo("{\"id\":\"" + GUID + "\"}");
        assertThat(body(take()))
                .isEqualTo(json("{'personas':[],'displayName':'new','description':'keep me','personaQualifiedNames':['"
                        + P1 + "','" + P2 + "']}"));
    }

    @Test
    void updateWithAnEmptySetUnlinksAll() throws Exception {
        answer(200, listing(1, 1, recordWithPersonas(GUID, "n", "", P1)));
        answer(200, recordWithPersonas(GUID, "n", ""));
        assertThat(tokens.update(GUID, null, null, Set.of()).getPersonaQualifiedNames())
                .isEmpty();
        take();
        assertThat(body(take()))
                .isEqualTo(json("{'personas':[],'displayName':'n','description':'','personaQualifiedNames':[]}"));
    }

    @Test
    void updateReReadsByGuidWhenTheAnswerLags() throws Exception {
        answer(200, recordWithPersonas(GUID, "n", "", P1));
        answer(200, listing(1, 1, recordWithPersonas(GUID, "n", "", P1, P2)));
        ApiToken t = tokens.update(GUID, "n", "", new LinkedHashSet<>(List.of(P1, P2)));
        assertThat(t.getPersonaQualifiedNames()).containsExactly(P1, P2);
        assertThat(take().getMethod()).isEqualTo("POST");
        RecordedRequest reread = take();
        assertThat(reread.getMethod()).isEqualTo("GET");
        assertThat(reread.getUrl().queryParameter("filter")).isEqualTo("{\"id\":\"" + GUID + "\"}");
    }

    @Test
    void updateReReadsWhenTheAnswerIsEmptyOrUnreadable() {
        answerEmpty(200);
        answer(200, listing(1, 1, recordWithPersonas(GUID, "n", "", P1)));
        assertThat(tokens.update(GUID, "n", "", Set.of(P1)).getGuid()).isEqualTo(GUID);
        answer(200, "{'unexpected':true}");
        answer(200, listing(1, 1, recordWithPersonas(GUID, "n", "", P1)));
        assertThat(tokens.update(GUID, "n", "", Set.of(P1)).getGuid()).isEqualTo(GUID);
        answer(200, recordWithPersonas(GUID, "n", ""));
        answer(200, listing(0, 0));
        assertThat(tokens.update(GUID, "n", "", Set.of(P1)).getGuid()).isEqualTo(GUID);
        answerEmpty(200);
        answer(200, listing(0, 0));
        assertThatThrownBy(() -> tokens.update(GUID, "n", "", Set.of(P1)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(GUID);
    }

    @Test
    void updateOfAnUnknownGuidIsNotFound() throws Exception {
        answer(200, listing(5, 0));
        assertThatThrownBy(() -> tokens.update(GUID, "n", null, null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(GUID);
        assertThat(server.getRequestCount()).isEqualTo(1);
        answer(404, "{'errorCode':'ATLAS-404-00-005','errorMessage':'not found'}");
        assertThatThrownBy(() -> tokens.update("a/b c", "n", "", Set.of()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.path()).isEqualTo("/api/service/apikeys/a%2Fb%20c"))
                .hasMessageContaining("purged");
    }

    @Test
    void linkAndUnlinkReadMergeAndSendTheCompleteSet() throws Exception {
        answer(200, listing(1, 1, recordWithPersonas(GUID, "n", "d", P1, P2)));
        answer(200, recordWithPersonas(GUID, "n", "d", P1, P2, P3));
        assertThat(tokens.linkPersonas(GUID, Set.of(P3)).getPersonaQualifiedNames())
                .containsExactly(P1, P2, P3);
        take();
        assertThat(body(take()))
                .isEqualTo(json("{'personas':[],'displayName':'n','description':'d','personaQualifiedNames':['" + P1
                        + "','" + P2 + "','" + P3 + "']}"));

        answer(200, listing(1, 1, recordWithPersonas(GUID, "n", "d", P1, P2, P3)));
        answer(200, recordWithPersonas(GUID, "n", "d", P2, P3));
        assertThat(tokens.unlinkPersonas(GUID, Set.of(P1)).getPersonaQualifiedNames())
                .containsExactly(P2, P3);
        take();
        assertThat(body(take()))
                .isEqualTo(json("{'personas':[],'displayName':'n','description':'d','personaQualifiedNames':['" + P2
                        + "','" + P3 + "']}"));
    }

    @Test
    void linkAndUnlinkSendNothingWhenNothingChanges() {
        answer(200, listing(1, 1, recordWithPersonas(GUID, "n", "d", P1)));
        answer(200, listing(1, 1, recordWithPersonas(GUID, "n", "d", P1)));
        assertThat(tokens.linkPersonas(GUID, Set.of(P1)).getPersonaQualifiedNames())
                .containsExactly(P1);
        assertThat(tokens.unlinkPersonas(GUID, Set.of(P2)).getPersonaQualifiedNames())
                .containsExactly(P1);
        assertThat(server.getRequestCount()).isEqualTo(2);
        answer(200, listing(0, 0));
        assertThatThrownBy(() -> tokens.linkPersonas(GUID, Set.of(P1))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tokens.linkPersonas(GUID, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tokens.unlinkPersonas(" ", Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ purge

    @Test
    void purgeSendsDeleteAndAcceptsEmptyNullOrEmptyObjectBodies() throws Exception {
        answerEmpty(200);
        answer(200, "null");
        answer(200, "{}");
        for (int i = 0; i < 3; i++) {
            tokens.purge(GUID);
            RecordedRequest r = take();
            assertThat(r.getMethod()).isEqualTo("DELETE");
            assertThat(r.getUrl().encodedPath()).isEqualTo("/api/service/apikeys/" + GUID);
            assertThat(r.getUrl().query()).isNull();
            assertHeaders(r, KEY);
        }
    }

    @Test
    void purgeOfAnUnknownGuidIsNotFoundButAReplayedPurgeThatFindsItGoneIsDone() {
        answer(404, "{'errorCode':'ATLAS-404-00-005'}");
        assertThatThrownBy(() -> tokens.purge(GUID))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("gone already");
        // the first attempt was sent and its answer lost: the delete may have happened
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        answer(404, "{'errorCode':'ATLAS-404-00-005'}");
        tokens.purge(GUID);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void purgeOfAnUnknownGuidAfterA503IsStillNotFound() {
        // a 503 says the server did nothing: the 404 that follows is the GUID's own
        server.enqueue(new MockResponse.Builder().code(503).build());
        answer(404, "{'errorCode':'ATLAS-404-00-005'}");
        assertThatThrownBy(() -> tokens.purge(GUID)).isInstanceOf(NotFoundException.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ add as admin / viewer

    static String user(String username) {
        return "{'id':'0b6d2f19','username':'" + username + "','enabled':true,'attributes':{},"
                + "'emailVerified':false,'createdTimestamp':1735689600000}";
    }

    static String found(String typeName, String attribute, String... users) {
        StringBuilder list = new StringBuilder();
        for (String u : users) {
            list.append(list.length() == 0 ? "" : ",").append("'").append(u).append("'");
        }
        return "{'queryType':'INDEX','approximateCount':1,'entities':[{'typeName':'" + typeName + "','guid':'" + CONN
                + "','status':'ACTIVE','attributes':{'qualifiedName':'default/snowflake/1735689600',"
                + "'name':'prod-snowflake','" + attribute + "':[" + list + "]}}]}";
    }

    static final String UPDATED = "{'mutatedEntities':{'UPDATE':[{'typeName':'Connection','guid':'" + CONN + "',"
            + "'attributes':{'qualifiedName':'default/snowflake/1735689600','name':'prod-snowflake'}}]},"
            + "'guidAssignments':{'-1':'" + CONN + "'}}";

    @Test
    void addAsAdminFollowsTheContractSequence() throws Exception {
        answer(200, user(SA));
        answer(200, found("Connection", "adminUsers", "jdoe", "stale-user"));
        answer(200, UPDATED);
        tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP));

        RecordedRequest u1 = take();
        assertThat(u1.getMethod()).isEqualTo("GET");
        assertThat(u1.getUrl().encodedPath()).isEqualTo("/api/service/users/current");
        assertHeaders(u1, KEY);

        RecordedRequest a1 = take();
        assertThat(a1.getMethod()).isEqualTo("POST");
        assertThat(a1.getUrl().encodedPath()).isEqualTo("/api/meta/search/indexsearch");
        assertThat(a1.getUrl().query()).isNull();
        assertHeaders(a1, IMP);
        assertThat(body(a1))
                .isEqualTo(json("{'dsl':{'from':0,'size':1,'track_total_hits':true,'query':{'bool':{'filter':["
                        + "{'term':{'__superTypeNames.keyword':{'value':'Referenceable'}}},"
                        + "{'term':{'__state':{'value':'ACTIVE'}}},"
                        + "{'term':{'__guid':{'value':'" + CONN + "'}}}]}}},"
                        + "'attributes':['adminUsers'],'suppressLogs':true}"));

        RecordedRequest a2 = take();
        assertThat(a2.getMethod()).isEqualTo("POST");
        assertThat(a2.getUrl().encodedPath()).isEqualTo("/api/meta/entity/bulk");
        assertThat(a2.getUrl().encodedQuery())
                .isEqualTo("replaceTags=false&appendTags=false&replaceBusinessAttributes=false"
                        + "&overwriteBusinessAttributes=false");
        assertHeaders(a2, IMP);
        JsonNode saved = body(a2);
        JsonNode entity = saved.get("entities").get(0);
        assertThat(saved.get("entities")).hasSize(1);
        assertThat(entity.get("guid").asText()).matches("-[0-9]+");
        assertThat((JsonNode) ((com.fasterxml.jackson.databind.node.ObjectNode) entity).without("guid"))
                .isEqualTo(json("{'typeName':'Connection','attributes':{'qualifiedName':"
                        + "'default/snowflake/1735689600','name':'prod-snowflake',"
                        + "'adminUsers':['jdoe','stale-user','" + SA + "']}}"));
        assertThat(a2.getBody().utf8())
                .as("attribute order kept")
                .contains(
                        "\"qualifiedName\":\"default/snowflake/1735689600\",\"name\":\"prod-snowflake\",\"adminUsers\"");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void addAsViewerSetsViewerUsersOfACollection() throws Exception {
        answer(200, user(SA));
        answer(200, found("Collection", "viewerUsers"));
        answer(
                200,
                "{'mutatedEntities':{'UPDATE':[{'typeName':'Collection','attributes':{'qualifiedName':"
                        + "'default/snowflake/1735689600'}}]},'guidAssignments':{}}");
        tokens.addApiTokenAsViewer(CONN, Secret.of(IMP));
        take();
        assertThat(body(take()).get("attributes").get(0).asText()).isEqualTo("viewerUsers");
        JsonNode entity = body(take()).get("entities").get(0);
        assertThat(entity.get("typeName").asText()).isEqualTo("Collection");
        assertThat(entity.get("attributes").get("viewerUsers"))
                .extracting(JsonNode::asText)
                .containsExactly(SA);
        assertThat(entity.get("attributes").has("adminUsers")).isFalse();
    }

    @Test
    void addAsAdminSendsNothingWhenAlreadyThere() {
        answer(200, user(SA));
        answer(200, found("Connection", "adminUsers", SA, "jdoe"));
        tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void addAsAdminReadsAgainWhenTheSaveReportsNoUpdate() {
        answer(200, user(SA));
        answer(200, found("Connection", "adminUsers", "jdoe"));
        answer(200, "{'guidAssignments':{}}");
        answer(200, found("Connection", "adminUsers", "jdoe", SA));
        tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP));
        assertThat(server.getRequestCount()).isEqualTo(4);

        answer(200, user(SA));
        answer(200, found("Connection", "adminUsers", "jdoe"));
        answer(200, "{'mutatedEntities':{}}");
        answer(200, found("Connection", "adminUsers", "jdoe"));
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("accepted the save")
                .hasMessageContaining(SA);
    }

    @Test
    void addAsAdminFailsWhenTheSaveCreatedAnAsset() {
        answer(200, user(SA));
        answer(200, found("Connection", "adminUsers", "jdoe"));
        answer(
                200,
                "{'mutatedEntities':{'CREATE':[{'typeName':'Connection','guid':'new-guid','attributes':"
                        + "{'qualifiedName':'default/snowflake/1735689600'}}]},'guidAssignments':{'-1':'new-guid'}}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("created a new Connection");
    }

    @Test
    void addAsAdminRefusesAClientKeyThatIsNotAnApiToken() {
        answer(200, user("jdoe"));
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("not to an API token");
        assertThat(server.getRequestCount()).isEqualTo(1);
        answer(200, "{'id':'x'}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("username");
    }

    @Test
    void addAsAdminSaysWhichTokenWasRefused() {
        answer(401, "{'status':401,'url':'/api/service/users/current'}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("client's own API key was refused")
                .hasMessageNotContaining("impersonation token was refused");

        answer(200, user(SA));
        answer(401, "{'error':'invalid_token','error_description':'Token verification failed'}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("impersonation token was refused")
                .hasMessageContaining("Token verification failed");

        answer(200, user(SA));
        answer(403, "{'errorCode':'ATLAS-403-00-001','errorMessage':'jdoe is not authorized'}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("impersonation token's user may not read");

        answer(200, user(SA));
        answer(200, found("Connection", "adminUsers", "jdoe"));
        answer(403, "{'errorCode':'ATLAS-403-00-001','errorMessage':'jdoe is not authorized'}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("impersonation token's user may not change asset " + CONN);

        answer(200, user(SA));
        answer(200, found("Connection", "adminUsers", "jdoe"));
        answer(404, "{'errorCode':'ATLAS-404-00-007'}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("not found by the impersonation token's user");
    }

    @Test
    void addAsAdminOfAnInvisibleAssetIsNotFoundNamingTheGuid() {
        answer(200, user(SA));
        answer(200, "{'queryType':'INDEX','approximateCount':0}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
                .hasMessageContaining(CONN)
                .hasMessageContaining("impersonation");
        answer(200, user(SA));
        answer(200, "{'entities':[{'typeName':'Connection','guid':'another','attributes':{'qualifiedName':'q'}}]}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void addAsAdminRefusesUnreadableAssets() {
        answer(200, user(SA));
        answer(200, "{'entities':{}}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(MalformedResponseException.class);
        answer(200, user(SA));
        answer(200, "{'entities':[{'guid':'" + CONN + "','attributes':{}}]}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("qualifiedName");
        answer(200, user(SA));
        answer(200, "{'entities':[{'typeName':'Connection','attributes':{'qualifiedName':'q','adminUsers':7}}]}");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(IMP)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("adminUsers");
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tokens.addApiTokenAsViewer("", Secret.of(IMP)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyUrlIsBuiltAfreshAfterUpdateAndPurge() throws Exception {
        answer(200, recordWithPersonas(GUID, "n", "", P1));
        answerEmpty(200);
        answer(200, "{'id':'g','clientId':'apikey-1','displayName':'n','attributes':{'accessToken':'s3cr3t-value'}}");
        tokens.update(GUID, "n", "", Set.of(P1));
        tokens.purge(GUID);
        tokens.create("n", "", Set.of(), null);
        take();
        take();
        assertThat(take().getUrl().encodedPath()).isEqualTo("/api/service/apikeys");
    }
}
