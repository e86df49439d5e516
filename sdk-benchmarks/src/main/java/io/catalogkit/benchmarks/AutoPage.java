package io.catalogkit.benchmarks;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.atlan.AtlanClient;

/**
 * The client half of the auto-paging check, run by {@link Harness} in its own JVM with a small heap
 * ({@code -Xmx64m}): walks every Atlan API token with {@code list(0, pageSize).autoPager()} and
 * checks, at a few points, that tokens from earlier pages are no longer reachable.
 *
 * <p>Arguments: base URL, page size, expected token count; the API key comes in the environment
 * variable {@code ATLAN_API_KEY}. Prints one {@code RESULT} line and exits 0 when all tokens came
 * and none from earlier pages stayed reachable, 1 otherwise.
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
        Retention retention = new Retention(Math.max(1, pageSize / 5));
        long[] seen = {0};
        int[] stale = {0};
        long start = System.nanoTime();
        try (AtlanClient atlan = AtlanClient.builder()
                .baseUrl(baseUrl)
                .apiKey(Secret.of(System.getenv("ATLAN_API_KEY")))
                .build()) {
            atlan.apiTokens().list(0, pageSize).autoPager().forEach(token -> {
                retention.seen(seen[0], token);
                seen[0]++;
                if (seen[0] % checkEvery == 0) {
                    // the page being read and the one before it may still be held; nothing older
                    stale[0] = Math.max(stale[0], retention.staleSurvivors(seen[0], 2L * pageSize));
                }
            });
        }
        stale[0] = Math.max(stale[0], retention.staleSurvivors(seen[0], 2L * pageSize));
        boolean pass = seen[0] == expected && stale[0] == 0;
        System.out.printf(
                "RESULT tokens=%d pages=%d staleSurvivors=%d maxHeapAfterGcMiB=%.1f maxHeapMiB=%.0f seconds=%.1f %s%n",
                seen[0],
                (seen[0] + pageSize - 1) / pageSize,
                stale[0],
                retention.maxHeapAfterGc() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0,
                (System.nanoTime() - start) / 1e9,
                pass ? "PASS" : "FAIL");
        System.exit(pass ? 0 : 1);
    }
}
