package io.catalogkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CallListener;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meters and observations of real calls to the three fakes over loopback. After every test,
 * every meter in the registry is checked against the contract: its tag keys exactly, every value
 * from its bounded set, and none holding a secret, id or name the fakes issued.
 */
class MetricsOverFakesTest {
    static final String HUB_ADMIN = "urn:li:corpuser:datahub";

    /** The tag keys of each meter, exactly as the contract lists them. */
    static final Map<String, Set<String>> CONTRACT = Map.of(
            "catalogkit.calls", Set.of("platform", "operation", "outcome", "status", "exception"),
            "catalogkit.retries", Set.of("platform", "operation", "reason"),
            "catalogkit.credential.rereads", Set.of("platform", "changed"),
            "catalogkit.token.mints", Set.of("platform", "kind"));

    /** The values each tag may take. */
    static final Map<String, Pattern> VALUES = Map.of(
            "platform", Pattern.compile("atlan|alation|datahub"),
            "operation", Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*"),
            "outcome", Pattern.compile("SUCCESS|CLIENT_ERROR|SERVER_ERROR|UNKNOWN"),
            "status", Pattern.compile("[1-5][0-9][0-9]|IO_ERROR"),
            "exception", Pattern.compile("none|[A-Z][A-Za-z0-9]*(Exception|Error)"),
            "reason", Pattern.compile("[1-5][0-9][0-9]|IO_ERROR"),
            "changed", Pattern.compile("true|false"),
            "kind", Pattern.compile("access-token|oauth"));

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CatalogKitMetrics metrics = CatalogKitMetrics.of(registry);
    final List<AutoCloseable> closeLater = new ArrayList<>();
    /** Everything the fakes issued that must never be a tag value: secrets, ids, names. */
    final List<String> issued = new ArrayList<>();

    FakeAtlan atlan;
    FakeAlation alation;
    FakeDataHub hub;
    FakeAtlan.SeededToken atlanAdmin;
    FakeAtlan.SeededToken nightly;
    FakeAlation.SeededUser alationUser;
    FakeAlation.SeededRefreshToken refresh;
    FakeDataHub.SeededAccessToken hubAdmin;

    @BeforeEach
    void seed() {
        atlan = later(new FakeAtlan().start());
        alation = later(new FakeAlation().start());
        hub = later(new FakeDataHub().start());
        atlanAdmin = atlan.addApiToken("catalogkit-admin");
        nightly = atlan.addApiToken("nightly-sync");
        for (FakeAtlan.SeededToken t : List.of(atlanAdmin, nightly)) {
            issue(
                    t.guid(),
                    t.clientId(),
                    t.displayName(),
                    t.username(),
                    t.secret().reveal());
        }
        alationUser = alation.addUser("jdoe@example.com", "correct-horse");
        refresh = alation.addRefreshToken(alationUser.id(), "ci-refresh");
        issue(alationUser.username(), "correct-horse", Long.toString(alationUser.id()));
        issue(refresh.name(), Long.toString(refresh.id()), refresh.secret().reveal());
        hub.addAdmin(HUB_ADMIN);
        hubAdmin = hub.addAccessToken(HUB_ADMIN);
        issue(
                hubAdmin.id(),
                hubAdmin.name(),
                hubAdmin.actorUrn(),
                hubAdmin.secret().reveal());
    }

    void issue(String... values) {
        issued.addAll(List.of(values));
    }

    <T extends AutoCloseable> T later(T c) {
        closeLater.add(c);
        return c;
    }

    @AfterEach
    void everyMeterKeepsTheContract() throws Exception {
        try {
            for (Meter meter : registry.getMeters()) {
                String name = meter.getId().getName();
                assertThat(CONTRACT).as("a meter of the contract").containsKey(name);
                Map<String, String> tags = tags(meter);
                assertThat(tags.keySet())
                        .as(name + " tag keys")
                        .containsExactlyInAnyOrderElementsOf(CONTRACT.get(name));
                tags.forEach((key, value) -> {
                    assertThat(value).as(name + " " + key).matches(VALUES.get(key));
                    for (String secretIdOrName : issued) {
                        assertThat(value).as(name + " " + key).isNotEqualTo(secretIdOrName);
                        if (secretIdOrName.length() >= 6) {
                            assertThat(value).as(name + " " + key).doesNotContain(secretIdOrName);
                        }
                    }
                });
            }
        } finally {
            Collections.reverse(closeLater);
            for (AutoCloseable c : closeLater) {
                c.close();
            }
        }
    }

    static Map<String, String> tags(Meter meter) {
        return new TreeMap<>(meter.getId().getTags().stream().collect(Collectors.toMap(Tag::getKey, Tag::getValue)));
    }

    AtlanClient atlanClient(Secret key, CallListener listener) {
        return later(AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(key)
                .sleeper(d -> {})
                .listener(listener)
                .build());
    }

    /** The one timer of the registry with these tags; fails when there is none or several. */
    Timer call(String platform, String outcome, String status) {
        return registry.get("catalogkit.calls")
                .tags("platform", platform, "outcome", outcome, "status", status)
                .timer();
    }

    @Test
    void aSuccessIsTimed() {
        AtlanClient client = atlanClient(atlanAdmin.secret(), metrics);

        assertThat(client.apiTokens().getByGuid(nightly.guid())).isPresent();

        Timer timer = call("atlan", "SUCCESS", "200");
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.getId().getTag("operation")).isEqualTo("get_api_token_by_guid");
        assertThat(timer.getId().getTag("exception")).isEqualTo("none");
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.find("catalogkit.retries").counters()).isEmpty();
    }

    @Test
    void aReadOfNothingIsASuccessAndAMissingTargetA404() {
        AtlanClient client = atlanClient(atlanAdmin.secret(), metrics);
        String missing = UUID.randomUUID().toString();

        // Atlan's look-ups are filtered list queries: nothing found is a 200 with no records
        assertThat(client.apiTokens().getByGuid(missing)).isEmpty();
        Timer lookup = call("atlan", "SUCCESS", "200");
        assertThat(lookup.count()).isEqualTo(1);
        assertThat(lookup.getId().getTag("exception")).isEqualTo("none");

        assertThatThrownBy(() -> client.apiTokens().purge(missing)).isInstanceOf(NotFoundException.class);
        Timer purge = call("atlan", "CLIENT_ERROR", "404");
        assertThat(purge.count()).isEqualTo(1);
        assertThat(purge.getId().getTag("exception")).isEqualTo("NotFoundException");
        assertThat(lookup.getId().getTag("operation")).isEqualTo("get_api_token_by_guid");
        assertThat(purge.getId().getTag("operation")).isEqualTo("purge_api_token");
    }

    @Test
    void aRefusedKeyIsAClientError() {
        AtlanClient client = atlanClient(Secret.of("not-a-key-" + UUID.randomUUID()), metrics);

        assertThatThrownBy(() -> client.apiTokens().list(0, 10)).isInstanceOf(AuthenticationException.class);

        Timer timer = call("atlan", "CLIENT_ERROR", "401");
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.getId().getTag("operation")).isEqualTo("list_api_tokens");
        assertThat(timer.getId().getTag("exception")).isEqualTo("AuthenticationException");
    }

    @Test
    void a503ThenSuccessCountsOneRetry() {
        AtlanClient client = atlanClient(atlanAdmin.secret(), metrics);
        atlan.failNext(1, Fault.status(503));

        assertThat(client.apiTokens().list(0, 10).getItems()).isNotEmpty();

        Timer timer = call("atlan", "SUCCESS", "200");
        assertThat(timer.count()).isEqualTo(1);
        var retries = registry.get("catalogkit.retries").counter();
        assertThat(tags(retries))
                .containsEntry("platform", "atlan")
                .containsEntry("reason", "503")
                .containsEntry("operation", "list_api_tokens");
        assertThat(retries.count()).isEqualTo(1.0);
    }

    @Test
    void noAnswerIsUnknownWithAnIoError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DataHubClient client = later(DataHubClient.builder()
                .baseUrl("http://127.0.0.1:" + closedPort)
                .token(hubAdmin.secret())
                .sleeper(d -> {})
                .listener(metrics)
                .build());

        assertThatThrownBy(() -> client.accessTokens().list(0, 10, HUB_ADMIN)).isInstanceOf(TransportException.class);

        Timer timer = call("datahub", "UNKNOWN", "IO_ERROR");
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.getId().getTag("exception")).isEqualTo("TransportException");
        assertThat(registry.get("catalogkit.retries")
                        .tag("reason", "IO_ERROR")
                        .counter()
                        .count())
                .as("the default two retries")
                .isEqualTo(2.0);
    }

    @Test
    void aDataHubSuccessIsTimedOnItsPlatform() {
        DataHubClient client = later(DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(hubAdmin.secret())
                .listener(metrics)
                .build());

        assertThat(client.accessTokens().list(0, 10, HUB_ADMIN).getItems()).isNotEmpty();

        Timer timer = call("datahub", "SUCCESS", "200");
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.getId().getTag("operation")).isEqualTo("list_access_tokens");
    }

    @Test
    void oneAlationMintServesManyCalls() throws Exception {
        AlationClient client = later(AlationClient.builder()
                .baseUrl(alation.baseUrl())
                .refreshToken(refresh.secret(), alationUser.id())
                .listener(metrics)
                .build());
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(client.authInterceptor())
                .build();
        later(() -> {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
        Request tables = new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.TABLES)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> codes = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                codes.add(pool.submit(() -> {
                    try (Response r = http.newCall(tables).execute()) {
                        return r.code();
                    }
                }));
            }
            for (Future<Integer> code : codes) {
                assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        var mints = registry.get("catalogkit.token.mints").counter();
        assertThat(tags(mints)).containsEntry("platform", "alation").containsEntry("kind", "access-token");
        assertThat(mints.count()).isEqualTo(1.0);
        assertThat(registry.find("catalogkit.calls").tag("platform", "alation").timers())
                .as("the mint is the client's one Alation operation")
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.count()).isEqualTo(1);
                    assertThat(tags(t)).containsEntry("outcome", "SUCCESS");
                });
    }

    @Test
    void aRefusedCredentialIsReadAgainFromItsStore() {
        FakeAtlan.SeededToken second = atlan.addApiToken("catalogkit-admin-2");
        issue(
                second.guid(),
                second.clientId(),
                second.displayName(),
                second.secret().reveal());
        AtomicReference<Secret> store = new AtomicReference<>(atlanAdmin.secret());
        AtlanClient client = later(AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(store::get)
                .credentialWait(Duration.ZERO)
                .sleeper(d -> {})
                .listener(metrics)
                .build());
        assertThat(client.apiTokens().list(0, 10).getItems()).isNotEmpty();

        // another process rotates the key: the old one is purged, the store holds the new one
        atlanClient(second.secret(), CallListener.of()).apiTokens().purge(atlanAdmin.guid());
        store.set(second.secret());
        assertThat(client.apiTokens().list(0, 10).getItems()).isNotEmpty();

        var changed = registry.get("catalogkit.credential.rereads")
                .tag("changed", "true")
                .counter();
        assertThat(tags(changed)).containsEntry("platform", "atlan");
        assertThat(changed.count()).isEqualTo(1.0);
        assertThat(call("atlan", "SUCCESS", "200").count()).isEqualTo(2);

        // the new key is purged too and the store still holds it: one unchanged re-read, then a refusal
        client.apiTokens().purge(second.guid());
        assertThatThrownBy(() -> client.apiTokens().list(0, 10)).isInstanceOf(AuthenticationException.class);
        assertThat(registry.get("catalogkit.credential.rereads")
                        .tags("platform", "atlan", "changed", "false")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(call("atlan", "CLIENT_ERROR", "401").getId().getTag("exception"))
                .isEqualTo("AuthenticationException");
    }

    @Test
    void aThrowingListenerNeverBreaksACall() {
        CallListener throwing = new CallListener() {
            @Override
            public void callStarted(Call call) {
                throw new IllegalStateException("listener failed at start");
            }

            @Override
            public void callEnded(Call call, Result result) {
                throw new IllegalStateException("listener failed at end");
            }

            @Override
            public void retrying(Call call, String reason, Duration delay) {
                throw new IllegalStateException("listener failed at retry");
            }
        };
        AtlanClient alone = atlanClient(atlanAdmin.secret(), throwing);
        atlan.failNext(1, Fault.status(503));
        assertThat(alone.apiTokens().getByGuid(nightly.guid())).isPresent();
        assertThat(alone.apiTokens().getByGuid(UUID.randomUUID().toString())).isEmpty();

        AtlanClient both = atlanClient(atlanAdmin.secret(), CallListener.of(metrics, throwing));
        assertThat(both.apiTokens().getByGuid(nightly.guid())).isPresent();
        assertThat(call("atlan", "SUCCESS", "200").count())
                .as("the listener before it")
                .isEqualTo(1);
    }

    @Test
    void eachCallIsAnObservationWithItsRetriesAndError() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onEvent(Observation.Event event, Observation.Context context) {
                events.add(event.getName() + ": " + event.getContextualName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        AtlanClient client =
                atlanClient(atlanAdmin.secret(), CallListener.of(metrics, CatalogKitObservations.of(observations)));
        atlan.failNext(1, Fault.status(503));
        assertThat(client.apiTokens().list(0, 10).getItems()).isNotEmpty();
        AtlanClient refused =
                atlanClient(Secret.of("not-a-key-" + UUID.randomUUID()), CatalogKitObservations.of(observations));
        assertThatThrownBy(() -> refused.apiTokens().list(0, 10)).isInstanceOf(AuthenticationException.class);

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo("catalogkit.call", 2)
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("platform", "atlan")
                        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                        .hasLowCardinalityKeyValue("status", "200")
                        .hasLowCardinalityKeyValue("exception", "none")
                        .hasHighCardinalityKeyValue("attempts", "2")
                        .doesNotHaveError())
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
                        .hasLowCardinalityKeyValue("status", "401")
                        .hasLowCardinalityKeyValue("exception", "AuthenticationException")
                        .hasError());
        assertThat(events).containsExactly("catalogkit.retry: retry after 503");
        assertThat(observations.getCurrentObservation()).isNull();
    }
}
