package io.catalogkit.tokens.inventory;

import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.internal.Failures;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One list of every token the configured clients can see, across catalogs: Atlan API tokens (with
 * their personas), DataHub access tokens (all of them for an admin, the caller's own otherwise), and
 * for Alation what its public API allows, the client's own refresh token (validated: status,
 * expiry) and its current access token. Thread-safe if the clients are; it holds no state between
 * calls.
 *
 * <pre>{@code
 * TokenInventory inv = TokenInventory.builder()
 *         .atlan(atlanClient).alation(alationClient).datahub(dataHubClient)   // each optional
 *         .build();
 * InventoryReport report = inv.collect();
 * System.out.print(report.expiringWithin(Duration.ofDays(30)).toTable());
 * }</pre>
 *
 * <p>Reading Alation validates the client's refresh token and its current access token; a client
 * that has not called Alation yet mints its access token first, as its first call would.
 */
public final class TokenInventory {
    private final List<Source> sources;
    private final Clock clock;

    private TokenInventory(Builder b) {
        this.sources = List.copyOf(b.sources);
        this.clock = b.clock;
    }

    /**
     * Starts an inventory.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every token, fetched lazily: platform by platform (Atlan, Alation, DataHub, as configured)
     * and page by page, as the stream reaches them. A platform that fails ends the stream with its
     * exception; {@link #collect()} instead reports it as a gap and goes on with the others. The
     * gaps themselves are reported only by {@link #collect()}.
     *
     * @return a sequential stream
     */
    public Stream<InventoryEntry> entries() {
        Instant asOf = clock.instant();
        return sources.stream().flatMap(s -> s.entries(asOf, gap -> {}));
    }

    /**
     * Lists everything now. What a platform cannot list, and a platform that fails (down, refused),
     * become gaps in the report; the other platforms are still listed. Entries a platform gave
     * before it failed are kept.
     *
     * @return the report
     */
    public InventoryReport collect() {
        Instant asOf = clock.instant();
        List<InventoryEntry> entries = new ArrayList<>();
        List<InventoryReport.Gap> gaps = new ArrayList<>();
        for (Source s : sources) {
            int before = entries.size();
            try {
                s.entries(asOf, reason -> gaps.add(new InventoryReport.Gap(s.platform(), reason)))
                        .forEachOrdered(entries::add);
            } catch (RuntimeException e) {
                int listed = entries.size() - before;
                gaps.add(new InventoryReport.Gap(
                        s.platform(),
                        "listing failed" + (listed == 0 ? "" : " after " + listed + " token(s)") + ": "
                                + Failures.describe(e, List.of())));
            }
        }
        return new InventoryReport(asOf, entries, gaps);
    }

    @Override
    public String toString() {
        return "TokenInventory" + sources.stream().map(Source::platform).toList();
    }

    /** Builds a {@link TokenInventory}; not thread-safe. */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        private AtlanClient atlan;
        private AlationClient alation;
        private DataHubClient datahub;
        private int pageSize = 100;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Lists the API tokens this Atlan client can see.
         *
         * @param client the client
         * @return this builder
         */
        public Builder atlan(AtlanClient client) {
            this.atlan = Objects.requireNonNull(client, "atlan");
            return this;
        }

        /**
         * Lists this Alation client's own refresh token and current access token.
         *
         * @param client the client
         * @return this builder
         */
        public Builder alation(AlationClient client) {
            this.alation = Objects.requireNonNull(client, "alation");
            return this;
        }

        /**
         * Lists the access tokens this DataHub client can see.
         *
         * @param client the client
         * @return this builder
         */
        public Builder datahub(DataHubClient client) {
            this.datahub = Objects.requireNonNull(client, "datahub");
            return this;
        }

        /**
         * How many tokens to ask for per page (default 100).
         *
         * @param pageSize 1 to {@link Page#MAX_SIZE}, the largest page Atlan and DataHub listings
         *     accept
         * @return this builder
         * @throws IllegalArgumentException when out of that range
         */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > Page.MAX_SIZE) {
                throw new IllegalArgumentException("pageSize must be 1 to " + Page.MAX_SIZE + " (Page.MAX_SIZE: Atlan's"
                        + " limit and DataHub's count accept at most " + Page.MAX_SIZE + " per page), was "
                        + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * The clock that decides {@link InventoryReport#getAsOf()}, and so which tokens count as
         * expired (default: the system clock, UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the inventory.
         *
         * @return the inventory
         * @throws IllegalArgumentException when no client was given
         */
        public TokenInventory build() {
            sources.clear();
            if (atlan != null) {
                sources.add(Source.atlan(atlan, pageSize));
            }
            if (alation != null) {
                sources.add(Source.alation(alation));
            }
            if (datahub != null) {
                sources.add(Source.datahub(datahub, pageSize));
            }
            if (sources.isEmpty()) {
                throw new IllegalArgumentException(
                        "TokenInventory needs at least one client: call atlan(...), alation(...) or datahub(...)");
            }
            return new TokenInventory(this);
        }
    }
}
