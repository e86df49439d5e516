package io.catalogkit.core.internal;

import io.catalogkit.core.ClientBuilder;
import io.catalogkit.core.ClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal client builder for testing the shared transport. */
final class TestClients {
    /** Sleeps recorded instead of slept. */
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    final class Builder extends ClientBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }

        ClientOptions build() {
            return options("Test", "TEST_BASE_URL");
        }
    }

    Builder builder(String baseUrl) {
        return new Builder().baseUrl(baseUrl).sleeper(sleeps::add);
    }
}
