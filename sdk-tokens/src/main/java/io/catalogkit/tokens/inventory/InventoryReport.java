package io.catalogkit.tokens.inventory;

import io.catalogkit.tokens.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Every token a {@link TokenInventory} could list at one moment, with what it could not list and
 * why. Immutable; the filters return a new report with the same time and gaps ({@link
 * #on(Platform)} keeps only that platform's gaps). No secret is in it or in any rendering.
 */
public final class InventoryReport {
    /** What could not be listed on one platform, and why. */
    record Gap(Platform platform, String reason) {
        String text() {
            return Renderings.platformName(platform) + ": " + reason;
        }
    }

    private final Instant asOf;
    private final List<InventoryEntry> entries;
    private final List<Gap> gaps;

    InventoryReport(Instant asOf, List<InventoryEntry> entries, List<Gap> gaps) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.entries = List.copyOf(entries);
        this.gaps = List.copyOf(gaps);
    }

    /**
     * When the tokens were listed; statuses and filters are judged at this time.
     *
     * @return the time
     */
    public Instant getAsOf() {
        return asOf;
    }

    /**
     * The tokens, platform by platform in the order they were listed.
     *
     * @return an unmodifiable list
     */
    public List<InventoryEntry> getEntries() {
        return entries;
    }

    /**
     * What could not be listed, and why, each starting with the platform's name, e.g. {@code
     * "Alation: no public API lists a user's refresh tokens ..."}. A platform that failed (down,
     * refused) is one of them.
     *
     * @return an unmodifiable list
     */
    public List<String> getGaps() {
        return gaps.stream().map(Gap::text).toList();
    }

    /**
     * The tokens that are not expired yet at {@link #getAsOf()} and expire within a duration of it.
     *
     * @param within how far ahead to look, zero or more
     * @return a new report
     */
    public InventoryReport expiringWithin(Duration within) {
        Objects.requireNonNull(within, "within");
        if (within.isNegative()) {
            throw new IllegalArgumentException("within must not be negative, was " + within);
        }
        Instant until = asOf.plus(within);
        return filter(e -> e.getExpiresAt()
                .filter(x -> x.isAfter(asOf) && !x.isAfter(until))
                .isPresent());
    }

    /**
     * The tokens with no expiry (Atlan reports even "never expiring" tokens with a finite one).
     *
     * @return a new report
     */
    public InventoryReport neverExpiring() {
        return filter(e -> e.getExpiresAt().isEmpty());
    }

    /**
     * The tokens of one owner, matched exactly.
     *
     * @param owner an Atlan username, a DataHub urn, or an Alation user id
     * @return a new report
     */
    public InventoryReport ownedBy(String owner) {
        Objects.requireNonNull(owner, "owner");
        return filter(e -> e.getOwner().filter(owner::equals).isPresent());
    }

    /**
     * The tokens of one platform, with only that platform's gaps.
     *
     * @param platform the platform
     * @return a new report
     */
    public InventoryReport on(Platform platform) {
        Objects.requireNonNull(platform, "platform");
        return new InventoryReport(
                asOf,
                entries.stream().filter(e -> e.getPlatform() == platform).toList(),
                gaps.stream().filter(g -> g.platform() == platform).toList());
    }

    private InventoryReport filter(Predicate<InventoryEntry> keep) {
        return new InventoryReport(asOf, entries.stream().filter(keep).toList(), gaps);
    }

    /**
     * An aligned text table for a terminal: one token per line, then the gaps. Control and
     * formatting characters a server put in a name are shown escaped ({@code \n}, or
     * &#92;u001b for an escape character), so they cannot break the table or drive the terminal; long cells are cut.
     *
     * @return the table, lines ending with {@code \n}
     */
    public String toTable() {
        return Renderings.table(this);
    }

    /**
     * JSON for other tools: {@code {"asOf", "entries": [...], "gaps": [...]}}, times as ISO-8601,
     * absent values as {@code null}, every character outside ASCII escaped.
     *
     * @return the JSON text
     */
    public String toJson() {
        return Renderings.json(this);
    }

    /**
     * CSV (RFC 4180, lines ending with CRLF) with a header row: {@code platform, kind, id, name,
     * owner, created_at, expires_at, status, scopes} (scopes separated by {@code ;}). Control
     * characters are escaped as in the table, and a free-text cell (name, owner, scopes) that a
     * spreadsheet would run as a formula ({@code = + - @}) gets a leading {@code '}. The gaps are
     * not in it: see {@link #getGaps()}.
     *
     * @return the CSV text
     */
    public String toCsv() {
        return Renderings.csv(this);
    }

    List<Gap> gapList() {
        return gaps;
    }

    @Override
    public String toString() {
        return "InventoryReport[asOf=" + asOf + ", entries=" + entries.size() + ", gaps=" + gaps.size() + "]";
    }
}
