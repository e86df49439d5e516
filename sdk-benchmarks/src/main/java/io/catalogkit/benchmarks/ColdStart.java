package io.catalogkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalogkit.tokens.atlan.AtlanClient;
import okhttp3.OkHttpClient;

/**
 * The program whose cold start {@link Harness} times, run in a fresh JVM: one Atlan {@code
 * getByGuid} through catalogkit, or the same call written by hand, then a line {@code FIRST_CALL
 * inMainMicros=...} (the time from entering {@code main}) and exit.
 *
 * <p>Arguments: {@code catalogkit} or {@code handWritten}, and the responder's base URL.
 */
public final class ColdStart {
    private ColdStart() {}

    /**
     * Makes the one call.
     *
     * @param args the side and the base URL
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        Target target = Canned.target(args[1]);
        if (args[0].equals(Side.CATALOGKIT)) {
            try (AtlanClient atlan = AtlanClient.builder()
                    .baseUrl(target.atlanUrl())
                    .apiKey(target.atlanKey())
                    .build()) {
                atlan.apiTokens().getByGuid(target.atlanGuid()).orElseThrow();
                System.out.println("FIRST_CALL inMainMicros=" + (System.nanoTime() - start) / 1000);
            }
        } else {
            OkHttpClient http = new OkHttpClient();
            new HandWrittenSide(target, http, new ObjectMapper()).atlanGetByGuid();
            System.out.println("FIRST_CALL inMainMicros=" + (System.nanoTime() - start) / 1000);
            Side.shutdown(http);
        }
        System.out.flush();
        System.exit(0);
    }
}
