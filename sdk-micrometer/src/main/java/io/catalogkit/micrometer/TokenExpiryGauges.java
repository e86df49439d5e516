package io.catalogkit.micrometer;

import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.inventory.InventoryEntry;
import io.catalogkit.tokens.inventory.InventoryReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gauges of the seconds left until each token of an {@link InventoryReport} expires, for alerts:
 * one gauge {@value #NAME} per token, tagged {@code platform} ({@code atlan}, {@code alation},
 * {@code datahub}), {@code kind} (as {@link InventoryEntry#getKind()}) and {@code id} (the token's
 * id, as {@link InventoryEntry#getId()}: here the point, so that an alert says which token to
 * rotate; never its name or its secret).
 *
 * <pre>{@code
 * TokenExpiryGauges expiry = TokenExpiryGauges.bind(meterRegistry);
 * // then on a schedule, e.g. hourly:
 * expiry.update(inventory.collect());
 * }</pre>
 *
 * <p>A gauge is read when the registry is scraped: it counts down from the expiry the last report
 * gave, so it stays right between reports, and it goes negative once the token has expired. Each
 * {@link #update} replaces the set of gauges: a token gone from the new report (deleted, revoked,
 * or on a platform that could not be listed this time) loses its gauge. No gauge is made for a
 * token that never expires (or whose platform does not say when) or that was revoked.
 *
 * <p>A Prometheus rule that fires when a token expires within 7 days:
 *
 * <pre>{@code
 * - alert: CatalogTokenExpiresSoon
 *   expr: catalogkit_token_expiry_seconds > 0 and catalogkit_token_expiry_seconds < 7 * 24 * 3600
 *   labels: { severity: warning }
 *   annotations:
 *     summary: "{{ $labels.platform }} {{ $labels.kind }} {{ $labels.id }} expires in {{ $value | humanizeDuration }}"
 * }</pre>
 *
 * <p>This class reads {@code sdk-tokens}' inventory, an optional dependency of {@code
 * sdk-micrometer} that every application with a catalogkit client already has. Thread-safe; bind one per
 * registry (a second one would find the first one's gauges already registered).
 */
public final class TokenExpiryGauges {
    /** The gauges' name. */
    public static final String NAME = "catalogkit.token.expiry.seconds";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Key, Held> gauges = new HashMap<>();

    private TokenExpiryGauges(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Gauges in a registry, counting down by the system clock; none until the first {@link
     * #update}.
     *
     * @param registry the registry
     * @return the gauges
     */
    public static TokenExpiryGauges bind(MeterRegistry registry) {
        return bind(registry, Clock.systemUTC());
    }

    /**
     * Gauges in a registry, counting down by a clock.
     *
     * @param registry the registry
     * @param clock what "now" is when a gauge is read
     * @return the gauges
     */
    public static TokenExpiryGauges bind(MeterRegistry registry, Clock clock) {
        return new TokenExpiryGauges(
                Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Replaces the gauges with those of a new report: a gauge per token that expires and was not
     * revoked, counting down to its expiry; the gauges of tokens no longer in it are removed from
     * the registry.
     *
     * @param report the report, e.g. {@code TokenInventory.collect()}
     * @return how many gauges there are now
     */
    public synchronized int update(InventoryReport report) {
        Objects.requireNonNull(report, "report");
        Set<Key> seen = new HashSet<>();
        for (InventoryEntry entry : report.getEntries()) {
            if (entry.getStatus() == TokenStatus.REVOKED || entry.getExpiresAt().isEmpty()) {
                continue;
            }
            Key key = new Key(entry.getPlatform().name().toLowerCase(Locale.ROOT), entry.getKind(), entry.getId());
            Instant expiresAt = entry.getExpiresAt().get();
            seen.add(key);
            Held held = gauges.get(key);
            if (held != null) {
                held.expiresAt = expiresAt;
            } else {
                Held fresh = new Held(expiresAt);
                fresh.gauge = Gauge.builder(NAME, fresh, h -> secondsUntil(h.expiresAt))
                        .description("Seconds until a catalog token expires (negative once expired)")
                        .baseUnit("seconds")
                        .tag("platform", key.platform())
                        .tag("kind", key.kind())
                        .tag("id", key.id())
                        .strongReference(true)
                        .register(registry);
                gauges.put(key, fresh);
            }
        }
        gauges.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue().gauge);
            return true;
        });
        return gauges.size();
    }

    /** Removes every gauge from the registry, as an empty report would. */
    public synchronized void clear() {
        gauges.values().forEach(h -> registry.remove(h.gauge));
        gauges.clear();
    }

    private double secondsUntil(Instant expiresAt) {
        return (expiresAt.toEpochMilli() - clock.millis()) / 1000.0;
    }

    @Override
    public synchronized String toString() {
        return "TokenExpiryGauges[" + gauges.size() + " gauges]";
    }

    private record Key(String platform, String kind, String id) {}

    /** A gauge and the expiry it counts down to (replaced when a new report moves it). */
    private static final class Held {
        private volatile Instant expiresAt;
        private Gauge gauge;

        Held(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }
    }
}
