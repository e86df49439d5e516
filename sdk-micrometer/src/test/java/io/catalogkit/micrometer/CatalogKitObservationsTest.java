package io.catalogkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.CallListener.Call;
import io.catalogkit.core.CallListener.Outcome;
import io.catalogkit.core.CallListener.Result;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One observation per operation, fed by direct listener calls. */
class CatalogKitObservationsTest {
    final TestObservationRegistry registry = TestObservationRegistry.create();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> stopped = Collections.synchronizedList(new ArrayList<>());
    final CatalogKitObservations observations = CatalogKitObservations.of(registry);

    {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onEvent(Observation.Event event, Observation.Context context) {
                events.add(event.getName() + ": " + event.getContextualName());
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context.getLowCardinalityKeyValue("status").getValue());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
    }

    @Test
    void aSuccessIsOneStoppedObservationWithTheLowCardinalityKeys() {
        Call call = new Call("datahub", "create_access_token");
        observations.callStarted(call);
        assertThat(registry.getCurrentObservation())
                .as("current while the call runs")
                .isNotNull();
        observations.callEnded(call, new Result(Outcome.SUCCESS, "200", 1, Duration.ofMillis(5), Result.NONE));

        assertThat(registry.getCurrentObservation()).as("no longer current").isNull();
        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsEqualTo(1)
                .hasSingleObservationThat()
                .hasNameEqualTo("catalogkit.call")
                .hasContextualNameEqualTo("datahub create_access_token")
                .hasLowCardinalityKeyValue("platform", "datahub")
                .hasLowCardinalityKeyValue("operation", "create_access_token")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasLowCardinalityKeyValue("status", "200")
                .hasLowCardinalityKeyValue("exception", "none")
                .hasHighCardinalityKeyValue("attempts", "1")
                .doesNotHaveError()
                .hasBeenStarted()
                .hasBeenStopped();
        assertThat(observations.openObservations()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void aFailureCarriesItsTypeAsTheErrorAndRetriesAreEvents() {
        Call call = new Call("atlan", "list_api_tokens");
        observations.callStarted(call);
        observations.retrying(call, "503", Duration.ofMillis(100));
        observations.retrying(call, "IO_ERROR", Duration.ofMillis(200));
        observations.callEnded(
                call, new Result(Outcome.SERVER_ERROR, "503", 3, Duration.ofMillis(400), "ServerException"));

        TestObservationRegistryAssert.assertThat(registry)
                .hasSingleObservationThat()
                .hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
                .hasLowCardinalityKeyValue("status", "503")
                .hasLowCardinalityKeyValue("exception", "ServerException")
                .hasHighCardinalityKeyValue("attempts", "3")
                .hasError()
                .assertThatError()
                .isInstanceOf(CatalogKitObservations.CallFailedException.class)
                .hasMessage("ServerException (status 503)");
        assertThat(events)
                .containsExactly("catalogkit.retry: retry after 503", "catalogkit.retry: retry after IO_ERROR");
    }

    @Test
    void aCallInsideACallIsItsChild() {
        Call outer = new Call("alation", "list_refresh_tokens");
        Call mint = new Call("alation", "create_access_token");
        observations.callStarted(outer);
        observations.callStarted(mint);
        observations.callEnded(mint, new Result(Outcome.SUCCESS, "201", 1, Duration.ZERO, Result.NONE));
        observations.callEnded(outer, new Result(Outcome.SUCCESS, "200", 1, Duration.ZERO, Result.NONE));

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsEqualTo(2)
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("operation", "create_access_token")
                        .hasParentObservationContextSatisfying(p -> assertThat(((Observation.ContextView) p)
                                        .getLowCardinalityKeyValue("operation")
                                        .getValue())
                                .isEqualTo("list_refresh_tokens")))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("operation", "list_refresh_tokens")
                        .doesNotHaveParentObservation());
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @Test
    void callsOnManyThreadsEachEndTheirOwnObservation() throws Exception {
        int threads = 8;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String status = Integer.toString(200 + t);
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        Call call = new Call("atlan", "get_api_token");
                        observations.callStarted(call);
                        observations.callEnded(
                                call, new Result(Outcome.SUCCESS, status, 1, Duration.ZERO, Result.NONE));
                        if (registry.getCurrentObservation() != null) {
                            throw new AssertionError("an observation stayed current");
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo("catalogkit.call", threads * each)
                .forAllObservationsWithNameEqualTo(
                        "catalogkit.call", o -> o.hasLowCardinalityKeyValue("outcome", "SUCCESS"));
        assertThat(stopped).hasSize(threads * each);
        for (int t = 0; t < threads; t++) {
            String status = Integer.toString(200 + t);
            assertThat(stopped.stream().filter(status::equals)).hasSize(each);
        }
        assertThat(observations.openObservations()).isZero();
    }

    @Test
    void eventsOfACallNeverStartedAreIgnored() {
        Call call = new Call("atlan", "get_api_token");
        observations.retrying(call, "503", Duration.ZERO);
        observations.callEnded(call, new Result(Outcome.SUCCESS, "200", 1, Duration.ZERO, Result.NONE));

        TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
    }

    @Test
    void aNoopRegistryCostsNothing() {
        CatalogKitObservations noop = CatalogKitObservations.of(ObservationRegistry.NOOP);
        Call call = new Call("atlan", "get_api_token");
        noop.callStarted(call);
        assertThat(noop.openObservations()).isZero();
        noop.callEnded(call, new Result(Outcome.SUCCESS, "200", 1, Duration.ZERO, Result.NONE));
        assertThatThrownBy(() -> CatalogKitObservations.of(null)).hasMessageContaining("registry");
    }
}
