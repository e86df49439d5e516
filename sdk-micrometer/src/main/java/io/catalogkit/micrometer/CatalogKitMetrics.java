package io.catalogkit.micrometer;

import io.catalogkit.core.CallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Records every operation of the clients it is bound to as Micrometer meters:
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>meter</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@value #CALLS}</td><td>Timer</td><td>{@code platform}, {@code operation}, {@code
 *     outcome}, {@code status}, {@code exception}</td></tr>
 * <tr><td>{@value #RETRIES}</td><td>Counter</td><td>{@code platform}, {@code operation}, {@code
 *     reason}</td></tr>
 * <tr><td>{@value #CREDENTIAL_REREADS}</td><td>Counter</td><td>{@code platform}, {@code
 *     changed}</td></tr>
 * <tr><td>{@value #TOKEN_MINTS}</td><td>Counter</td><td>{@code platform}, {@code kind}</td></tr>
 * </table>
 *
 * <p>Every tag value comes from a small fixed set: the platform ({@code atlan}, {@code alation},
 * {@code datahub}), a fixed name per operation (such as {@code create_api_token}), the outcome class,
 * the last HTTP status or {@code IO_ERROR}, the simple name of what was thrown or {@code none}, the
 * retry's reason (a status or {@code IO_ERROR}), {@code true}/{@code false}, and the minted token's
 * kind ({@code access-token}, {@code oauth}). No secret, token id, name or URL is ever a tag value.
 *
 * <pre>{@code
 * CatalogKitMetrics metrics = CatalogKitMetrics.of(meterRegistry);
 * AtlanClient atlan = AtlanClient.builder().baseUrl(url).apiKey(key).listener(metrics).build();
 * }</pre>
 *
 * <p>One instance may serve any number of clients, on any number of threads. It keeps each meter
 * once found, so a call costs a map look-up and a record; configure the registry's {@code
 * MeterFilter}s before the first call, as Micrometer asks.
 */
public final class CatalogKitMetrics implements CallListener {
    /** The timer of every operation. */
    public static final String CALLS = "catalogkit.calls";
    /** The counter of retried attempts. */
    public static final String RETRIES = "catalogkit.retries";
    /** The counter of credential-store re-reads after a refusal. */
    public static final String CREDENTIAL_REREADS = "catalogkit.credential.rereads";
    /** The counter of tokens the clients minted for their own calls. */
    public static final String TOKEN_MINTS = "catalogkit.token.mints";

    private final MeterRegistry registry;
    private final ConcurrentMap<CallKey, Timer> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<RetryKey, Counter> retries = new ConcurrentHashMap<>();
    private final ConcurrentMap<PairKey, Counter> rereads = new ConcurrentHashMap<>();
    private final ConcurrentMap<PairKey, Counter> mints = new ConcurrentHashMap<>();

    private CatalogKitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A listener that records into a registry.
     *
     * @param registry the registry, e.g. Spring Boot's or a {@code PrometheusMeterRegistry}
     * @return the listener, for {@code listener(CallListener)} on any client builder
     */
    public static CatalogKitMetrics of(MeterRegistry registry) {
        return new CatalogKitMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Records the operation in {@value #CALLS}.
     *
     * @param call the operation
     * @param result how it ended
     */
    @Override
    public void callEnded(Call call, Result result) {
        CallKey key =
                new CallKey(call.platform(), call.operation(), result.outcome(), result.status(), result.exception());
        Timer timer = calls.get(key);
        if (timer == null) {
            timer = calls.computeIfAbsent(key, this::timer);
        }
        timer.record(result.duration().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Counts the retry in {@value #RETRIES}.
     *
     * @param call the operation
     * @param reason the status that failed, or {@code IO_ERROR}
     * @param delay the wait before the next attempt (not recorded)
     */
    @Override
    public void retrying(Call call, String reason, Duration delay) {
        RetryKey key = new RetryKey(call.platform(), call.operation(), reason);
        Counter counter = retries.get(key);
        if (counter == null) {
            counter = retries.computeIfAbsent(
                    key,
                    k -> Counter.builder(RETRIES)
                            .description("Attempts of catalog operations that failed and were tried again")
                            .tag("platform", k.platform())
                            .tag("operation", k.operation())
                            .tag("reason", k.reason())
                            .register(registry));
        }
        counter.increment();
    }

    /**
     * Counts the re-read in {@value #CREDENTIAL_REREADS}.
     *
     * @param platform the platform
     * @param changed whether the store held a new value
     */
    @Override
    public void credentialReread(String platform, boolean changed) {
        PairKey key = new PairKey(platform, changed ? "true" : "false");
        Counter counter = rereads.get(key);
        if (counter == null) {
            counter = rereads.computeIfAbsent(
                    key,
                    k -> Counter.builder(CREDENTIAL_REREADS)
                            .description("Re-reads of a credential store after the platform refused the credential")
                            .tag("platform", k.platform())
                            .tag("changed", k.value())
                            .register(registry));
        }
        counter.increment();
    }

    /**
     * Counts the mint in {@value #TOKEN_MINTS}.
     *
     * @param platform the platform
     * @param kind {@code access-token} or {@code oauth}
     * @param expiresAt the token's expiry (not recorded)
     */
    @Override
    public void tokenMinted(String platform, String kind, Optional<Instant> expiresAt) {
        PairKey key = new PairKey(platform, kind);
        Counter counter = mints.get(key);
        if (counter == null) {
            counter = mints.computeIfAbsent(
                    key,
                    k -> Counter.builder(TOKEN_MINTS)
                            .description("Tokens the clients minted for their own calls")
                            .tag("platform", k.platform())
                            .tag("kind", k.value())
                            .register(registry));
        }
        counter.increment();
    }

    private Timer timer(CallKey k) {
        return Timer.builder(CALLS)
                .description("Catalog operations, retries and waits included")
                .tag("platform", k.platform())
                .tag("operation", k.operation())
                .tag("outcome", k.outcome().name())
                .tag("status", k.status())
                .tag("exception", k.exception())
                .register(registry);
    }

    @Override
    public String toString() {
        return "CatalogKitMetrics[" + registry.getClass().getSimpleName() + "]";
    }

    private record CallKey(String platform, String operation, Outcome outcome, String status, String exception) {}

    private record RetryKey(String platform, String operation, String reason) {}

    private record PairKey(String platform, String value) {}
}
