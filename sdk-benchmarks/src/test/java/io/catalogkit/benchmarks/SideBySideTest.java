package io.catalogkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side measurement runs both sides at once, counts each side's calls per window, and
 * leaves no thread behind (no timing is asserted: the machines are noisy).
 */
class SideBySideTest {
    @Test
    void bothSidesCallInEveryWindowAndTheThreadsEnd() throws Exception {
        try (Responder responder = Canned.responder()) {
            OkHttpClient http = Side.httpClient(responder);
            Target target = Canned.target(responder.baseUrl());
            try (Side kit = Side.create(Side.CATALOGKIT, target, http);
                    Side hand = Side.create(Side.HAND_WRITTEN, target, http)) {
                SideBySide.Result r =
                        SideBySide.run(Op.ATLAN_GET_BY_GUID, kit, hand, new String[] {"kit", "hand"}, 4, 0, 1, 1, 2);

                assertThat(r.op()).isEqualTo(Op.ATLAN_GET_BY_GUID);
                assertThat(r.ratios()).hasSize(2);
                for (double ratio : r.ratios()) {
                    assertThat(ratio)
                            .as("both sides called in every window")
                            .isPositive()
                            .isFinite();
                }
                assertThat(r.medianRatio()).isEqualTo((r.ratios()[0] + r.ratios()[1]) / 2);
                assertThat(r.figure()).startsWith("median ").contains("SETTLE");
                assertThat(r.ratiosText()).matches("\\[\\d+\\.\\d{1,3}, \\d+\\.\\d{1,3}]");
                assertThat(responder.requests(Canned.ATLAN_GET_BY_GUID)).isPositive();
                assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(t -> t.isAlive() && t.getName().matches("(kit|hand)-\\d+"));
            } finally {
                Side.shutdown(http);
            }
        }
    }
}
