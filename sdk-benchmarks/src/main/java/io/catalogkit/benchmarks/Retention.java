package io.catalogkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells whether items a consumer has moved past are still held by someone: it keeps a weak
 * reference to every {@code sampleEvery}-th item it is shown, and after a full GC counts those
 * from more than a window ago that are still reachable. A lazy pager holding one page (or two, the
 * current and the one being handed over) leaves none.
 */
public final class Retention {
    private final int sampleEvery;
    private final List<WeakReference<Object>> refs = new ArrayList<>();
    private final List<Long> indexes = new ArrayList<>();
    private long maxHeapAfterGc;
    private long lastHeapAfterGc;

    /**
     * Creates a tracker.
     *
     * @param sampleEvery track one item in this many (1 tracks all)
     */
    public Retention(int sampleEvery) {
        if (sampleEvery < 1) {
            throw new IllegalArgumentException("sampleEvery must be 1 or more");
        }
        this.sampleEvery = sampleEvery;
    }

    /**
     * Shows the tracker one item.
     *
     * @param index the item's position in the stream, from 0
     * @param item the item
     */
    public void seen(long index, Object item) {
        if (index % sampleEvery == 0) {
            refs.add(new WeakReference<>(item));
            indexes.add(index);
        }
    }

    /**
     * Runs a full GC and counts tracked items from before {@code current - window} that are still
     * reachable; also notes the heap in use after that GC.
     *
     * @param current the position the consumer is at
     * @param window how many recent items may legitimately still be held
     * @return how many older items are still reachable
     */
    public int staleSurvivors(long current, long window) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        lastHeapAfterGc =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxHeapAfterGc = Math.max(maxHeapAfterGc, lastHeapAfterGc);
        int alive = 0;
        for (int i = 0; i < refs.size(); i++) {
            if (indexes.get(i) < current - window && refs.get(i).get() != null) {
                alive++;
            }
        }
        return alive;
    }

    /**
     * The heap in use right after the last {@link #staleSurvivors} GC.
     *
     * @return bytes
     */
    public long lastHeapAfterGc() {
        return lastHeapAfterGc;
    }

    /**
     * The position of the oldest tracked item still reachable.
     *
     * @return the position, or -1 when none is
     */
    public long oldestAlive() {
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).get() != null) {
                return indexes.get(i);
            }
        }
        return -1;
    }

    /**
     * The largest heap in use seen right after a {@link #staleSurvivors} GC.
     *
     * @return bytes
     */
    public long maxHeapAfterGc() {
        return maxHeapAfterGc;
    }
}
