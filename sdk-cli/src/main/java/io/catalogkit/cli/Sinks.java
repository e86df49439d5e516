package io.catalogkit.cli;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.SecretSink;

/** The {@link SecretSink} for a {@link Destination}; every secret it stores is remembered as one. */
final class Sinks {
    private Sinks() {}

    static SecretSink of(Session session, Destination d) {
        SecretSink sink;
        if (d.file() != null) {
            sink = SecretSink.toFile(d.file());
        } else if (d.command() != null) {
            sink = SecretSink.toCommand("sh", "-c", d.command());
        } else {
            sink = secret -> {
                session.out().println(secret.reveal());
                session.out().flush();
            };
        }
        return secret -> {
            session.secret(secret.reveal());
            sink.store(secret);
        };
    }

    /** A sink that keeps the secret in memory, for the demo: a stand-in for a vault. */
    static SecretSink discard(Session session) {
        return (Secret secret) -> session.secret(secret.reveal());
    }
}
