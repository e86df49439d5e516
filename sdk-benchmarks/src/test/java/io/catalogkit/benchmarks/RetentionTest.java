package io.catalogkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    @Test
    void findsItemsSomeoneStillHolds() {
        Retention retention = new Retention(10);
        List<Object> hoard = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Object item = new byte[100];
            hoard.add(item);
            retention.seen(i, item);
        }
        assertThat(retention.staleSurvivors(1000, 100)).isEqualTo(90);
        assertThat(hoard).hasSize(1000);
    }

    @Test
    void findsNoneWhenOnlyTheWindowIsHeld() {
        Retention retention = new Retention(10);
        Object[] window = new Object[100];
        for (int i = 0; i < 1000; i++) {
            Object item = new byte[100];
            window[i % 100] = item;
            retention.seen(i, item);
        }
        assertThat(retention.staleSurvivors(1000, 100)).isZero();
        assertThat(window[99]).isNotNull();
        assertThat(retention.maxHeapAfterGc()).isPositive();
    }
}
