package io.catalogkit.tokens;

import io.catalogkit.core.Secret;
import java.util.ArrayList;
import java.util.List;

/** A sink for tests: keeps what it stored, runs an action first, and throws when told to. */
public final class RecordingSink implements SecretSink {
    /** What was stored, in order. */
    public final List<Secret> stored = new ArrayList<>();

    private final Runnable before;
    private final boolean fail;

    private RecordingSink(Runnable before, boolean fail) {
        this.before = before;
        this.fail = fail;
    }

    /** A sink that stores. */
    public static RecordingSink storing() {
        return new RecordingSink(() -> {}, false);
    }

    /** A sink that runs an action (e.g. arms a fault for the next request), then stores. */
    public static RecordingSink storingAfter(Runnable before) {
        return new RecordingSink(before, false);
    }

    /** A sink that runs an action, then fails with a message that echoes the secret. */
    public static RecordingSink failingAfter(Runnable before) {
        return new RecordingSink(before, true);
    }

    @Override
    public void store(Secret secret) throws Exception {
        before.run();
        if (fail) {
            throw new java.io.IOException("vault unreachable while writing " + secret.reveal());
        }
        stored.add(secret);
    }
}
