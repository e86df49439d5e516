package io.catalogkit.benchmarks;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client half of the auto-paging check, run by {@link Harness} in its own JVM with a small heap
 * ({@code -Xmx64m}): walks every Atlan API token with {@code list(0, pageSize).autoPager()} and, at
 * four points, counts tracked tokens that are still reachable although they are older than the
 * current and the previous page.
 *
 * <p>Passes when every token came and that count is zero at every point: memory bounded by the page
 * being read (and the one before it, which the caller may still hold) whatever the total. Arguments: base URL, page size, expected token count;
 * the API key comes in the environment variable {@code ATLAN_API_KEY}. Prints one {@code RESULT}
 * line and exits 0 on a pass, 1 otherwise.
 */
public final class AutoPage {
    private AutoPage() {}

    /**
     * Runs the walk.
     *
     * @param args base URL, page size, expected count
     */
    public static void main(String[] args) {
        String baseUrl = args[0];
        int pageSize = Integer.parseInt(args[1]);
        long expected = Long.parseLong(args[2]);
        long checkEvery = Math.max(pageSize, expected / 4);
        int sampleEvery = Math.max(1, pageSize / 5);
        long window = 2L * pageSize;
        Retention retention = new Retention(sampleEvery);
        long[] seen = {0};
        List<Integer> stale = new ArrayList<>();
        long[] oldest = {-1};
        long start = System.nanoTime();
        try (AtlanClient atlan = AtlanClient.builder()
                .baseUrl(baseUrl)
                .apiKey(Secret.of(System.getenv("ATLAN_API_KEY")))
                .build()) {
            atlan.apiTokens().list(0, pageSize).autoPager().forEach(token -> {
                retention.seen(seen[0], token);
                seen[0]++;
                if (seen[0] % checkEvery == 0) {
                    int now = retention.staleSurvivors(seen[0], window);
                    oldest[0] = retention.oldestAlive();
                    System.out.printf(
                            Locale.ROOT,
                            "at token %d: %d tracked tokens older than the last two pages still reachable"
                                    + " (oldest: #%d), heap after GC %.1f MiB%n",
                            seen[0],
                            now,
                            oldest[0],
                            retention.lastHeapAfterGc() / 1048576.0);
                    stale.add(now);
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int after = retention.staleSurvivors(seen[0], 0);
        System.out.printf("after the stream ended: %d tracked tokens still reachable%n", after);
        if (oldest[0] == 0) {
            System.out.println("note: the first page stays reachable while the stream runs");
        }
        int worst = stale.stream().mapToInt(Integer::intValue).max().orElse(0);
        // nothing older than the current and the previous page may survive a full GC
        boolean pass = seen[0] == expected && worst == 0 && after == 0;
        System.out.printf(
                Locale.ROOT,
                "RESULT tokens=%d pages=%d retainedBeyondTwoPages=%s maxHeapAfterGcMiB=%.1f maxHeapMiB=%.0f"
                        + " seconds=%.1f %s%n",
                seen[0],
                (seen[0] + pageSize - 1) / pageSize,
                stale,
                retention.maxHeapAfterGc() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0,
                seconds,
                pass ? "PASS" : "FAIL");
        System.exit(pass ? 0 : 1);
    }
}
