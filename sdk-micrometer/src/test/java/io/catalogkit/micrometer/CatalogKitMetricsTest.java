package io.catalogkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.CallListener.Call;
import io.catalogkit.core.CallListener.Outcome;
import io.catalogkit.core.CallListener.Result;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The meters of the contract, fed by direct listener calls. */
class CatalogKitMetricsTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CatalogKitMetrics metrics = CatalogKitMetrics.of(registry);

    static Map<String, String> tags(Meter meter) {
        return meter.getId().getTags().stream().collect(Collectors.toMap(Tag::getKey, Tag::getValue));
    }

    @Test
    void anOperationIsTimedWithTheContractsTags() {
        Call call = new Call("atlan", "get_api_token");
        metrics.callStarted(call);
        metrics.callEnded(call, new Result(Outcome.SUCCESS, "200", 1, Duration.ofMillis(40), Result.NONE));

        Timer timer = registry.get("catalogkit.calls").timer();
        assertThat(tags(timer))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "platform", "atlan",
                        "operation", "get_api_token",
                        "outcome", "SUCCESS",
                        "status", "200",
                        "exception", "none"));
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
    }

    @Test
    void eachTagCombinationIsItsOwnTimerAndRepeatsAddUp() {
        Call get = new Call("datahub", "list_access_tokens");
        for (int i = 0; i < 3; i++) {
            metrics.callEnded(get, new Result(Outcome.SUCCESS, "200", 1, Duration.ofMillis(10), Result.NONE));
        }
        metrics.callEnded(get, new Result(Outcome.SERVER_ERROR, "503", 3, Duration.ofMillis(900), "ServerException"));
        metrics.callEnded(get, new Result(Outcome.UNKNOWN, "IO_ERROR", 3, Duration.ofSeconds(2), "TransportException"));

        assertThat(registry.get("catalogkit.calls").timers()).hasSize(3);
        assertThat(registry.get("catalogkit.calls")
                        .tag("outcome", "SUCCESS")
                        .timer()
                        .count())
                .isEqualTo(3);
        Timer failed = registry.get("catalogkit.calls").tag("status", "503").timer();
        assertThat(tags(failed)).containsEntry("outcome", "SERVER_ERROR").containsEntry("exception", "ServerException");
        Timer io = registry.get("catalogkit.calls").tag("status", "IO_ERROR").timer();
        assertThat(tags(io)).containsEntry("outcome", "UNKNOWN").containsEntry("exception", "TransportException");
        assertThat(io.totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
    }

    @Test
    void retriesRereadsAndMintsAreCountedWithTheirTags() {
        Call call = new Call("alation", "validate_refresh_token");
        metrics.retrying(call, "503", Duration.ofMillis(200));
        metrics.retrying(call, "503", Duration.ofMillis(400));
        metrics.retrying(call, "IO_ERROR", Duration.ofMillis(200));
        metrics.credentialReread("atlan", true);
        metrics.credentialReread("atlan", false);
        metrics.credentialReread("atlan", false);
        metrics.tokenMinted("alation", "access-token", Optional.of(Instant.parse("2026-03-03T00:00:00Z")));
        metrics.tokenMinted("alation", "oauth", Optional.empty());
        metrics.tokenMinted("alation", "oauth", Optional.empty());

        Counter retried503 =
                registry.get("catalogkit.retries").tag("reason", "503").counter();
        assertThat(tags(retried503))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("platform", "alation", "operation", "validate_refresh_token", "reason", "503"));
        assertThat(retried503.count()).isEqualTo(2.0);
        assertThat(registry.get("catalogkit.retries")
                        .tag("reason", "IO_ERROR")
                        .counter()
                        .count())
                .isEqualTo(1.0);

        assertThat(registry.get("catalogkit.credential.rereads").counters())
                .allSatisfy(c -> assertThat(tags(c).keySet()).containsExactlyInAnyOrder("platform", "changed"));
        assertThat(registry.get("catalogkit.credential.rereads")
                        .tags("platform", "atlan", "changed", "true")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("catalogkit.credential.rereads")
                        .tags("changed", "false")
                        .counter()
                        .count())
                .isEqualTo(2.0);

        assertThat(registry.get("catalogkit.token.mints").counters())
                .allSatisfy(c -> assertThat(tags(c).keySet()).containsExactlyInAnyOrder("platform", "kind"));
        assertThat(registry.get("catalogkit.token.mints")
                        .tags("platform", "alation", "kind", "access-token")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("catalogkit.token.mints")
                        .tag("kind", "oauth")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void onlyTheFourMetersOfTheContractAreMade() {
        Call call = new Call("atlan", "create_api_token");
        metrics.callStarted(call);
        metrics.retrying(call, "429", Duration.ofSeconds(1));
        metrics.callEnded(call, new Result(Outcome.SUCCESS, "200", 2, Duration.ofSeconds(1), Result.NONE));
        metrics.credentialReread("atlan", true);
        metrics.tokenMinted("alation", "oauth", Optional.empty());

        assertThat(registry.getMeters().stream().map(m -> m.getId().getName()))
                .containsExactlyInAnyOrder(
                        "catalogkit.calls",
                        "catalogkit.retries",
                        "catalogkit.credential.rereads",
                        "catalogkit.token.mints");
    }

    @Test
    void manyThreadsCountEveryCall() throws Exception {
        int threads = 8;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String operation = t % 2 == 0 ? "list_api_tokens" : "get_api_token";
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        Call call = new Call("atlan", operation);
                        metrics.callStarted(call);
                        metrics.retrying(call, "503", Duration.ZERO);
                        metrics.callEnded(
                                call, new Result(Outcome.SUCCESS, "200", 2, Duration.ofNanos(1_000), Result.NONE));
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

        assertThat(registry.get("catalogkit.calls").timers()).hasSize(2);
        assertThat(registry.get("catalogkit.calls").timers().stream()
                        .mapToLong(Timer::count)
                        .sum())
                .isEqualTo((long) threads * each);
        assertThat(registry.get("catalogkit.retries").counters().stream()
                        .mapToDouble(Counter::count)
                        .sum())
                .isEqualTo((double) threads * each);
    }

    @Test
    void theRegistrysFiltersApply() {
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("catalogkit.retries"));
        Call call = new Call("atlan", "get_api_token");
        metrics.retrying(call, "503", Duration.ZERO);
        metrics.callEnded(call, new Result(Outcome.SUCCESS, "200", 2, Duration.ZERO, Result.NONE));

        assertThat(registry.find("catalogkit.retries").meters()).isEmpty();
        assertThat(registry.get("catalogkit.calls").timer().count()).isEqualTo(1);
    }

    @Test
    void aRegistryIsRequired() {
        assertThatThrownBy(() -> CatalogKitMetrics.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("registry");
        assertThat(metrics.toString()).isEqualTo("CatalogKitMetrics[SimpleMeterRegistry]");
    }
}
