package io.catalogkit.testing;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fake's own state (users, tokens, settings) behind one lock, with the copy of it that {@link
 * FakeServer#reset()} goes back to. Requests and seeding reach the state only through {@link
 * #read} and {@link #change}, so they never interleave.
 *
 * @param <S> the fake's store
 */
final class FakeState<S extends FakeState.Store<S>> {
    /** A store that can copy itself and be restored from a copy. */
    interface Store<S> {
        /** A deep copy, sharing nothing mutable with this store. */
        S snapshot();

        /** Replaces this store's content with a deep copy of a snapshot's. */
        void restore(S snapshot);
    }

    private final S store;
    private S seeded;

    FakeState(S store) {
        this.store = store;
        this.seeded = store.snapshot();
    }

    synchronized <T> T read(Function<? super S, T> read) {
        return read.apply(store);
    }

    synchronized void change(Consumer<? super S> change) {
        change.accept(store);
    }

    /** Saves the current state as the seeded one. */
    synchronized void save() {
        seeded = store.snapshot();
    }

    /** Goes back to the seeded state. */
    synchronized void restore() {
        store.restore(seeded);
    }
}
