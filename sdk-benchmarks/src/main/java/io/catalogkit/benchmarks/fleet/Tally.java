package io.catalogkit.benchmarks.fleet;

import java.util.Locale;

/**
 * One platform's figures in one worker (or summed over the fleet): a line of {@code key=value}
 * pairs between the processes.
 */
final class Tally {
    long calls;
    long failed;
    /** Calls that failed with an {@code AuthenticationException} (a refusal not resolved in time). */
    long authFailed;
    /** Re-reads after a refusal that found a new value: refusals resolved (one per refusal met together). */
    long resolved;
    /** Re-reads after a refusal that found the refused value still there: the client waited and read again. */
    long stale;
    /** Reads of the store, the first one included. */
    long reads;
    /** Access tokens minted (Alation). */
    long mints;

    long slowestMillis;

    long refusals() {
        return resolved + authFailed;
    }

    void add(Tally o) {
        calls += o.calls;
        failed += o.failed;
        authFailed += o.authFailed;
        resolved += o.resolved;
        stale += o.stale;
        reads += o.reads;
        mints += o.mints;
        slowestMillis = Math.max(slowestMillis, o.slowestMillis);
    }

    String format() {
        return String.format(
                Locale.ROOT,
                "calls=%d failed=%d authFailed=%d resolved=%d stale=%d reads=%d mints=%d slowestMillis=%d",
                calls,
                failed,
                authFailed,
                resolved,
                stale,
                reads,
                mints,
                slowestMillis);
    }

    static Tally parse(String line) {
        Tally t = new Tally();
        for (String kv : line.trim().split(" ")) {
            String[] p = kv.split("=", 2);
            long v = Long.parseLong(p[1]);
            switch (p[0]) {
                case "calls" -> t.calls = v;
                case "failed" -> t.failed = v;
                case "authFailed" -> t.authFailed = v;
                case "resolved" -> t.resolved = v;
                case "stale" -> t.stale = v;
                case "reads" -> t.reads = v;
                case "mints" -> t.mints = v;
                case "slowestMillis" -> t.slowestMillis = v;
                default -> throw new IllegalArgumentException("unknown figure " + p[0]);
            }
        }
        return t;
    }
}
