package io.catalogkit.core.internal;

import io.catalogkit.core.Secret;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.Request;

/**
 * Puts credentials on a request. A static bearer key, a header token (Alation's {@code TOKEN}), no
 * credentials, or a provider that fetches the current value each time (a refreshing token).
 */
public interface Credentials {
    /**
     * Adds the credentials to a request about to be sent.
     *
     * @param request the request builder
     */
    void apply(Request.Builder request);

    /**
     * The value sent, so that error messages can redact it if a server echoes it.
     *
     * @return the current secret, if any
     */
    Optional<Secret> current();

    /**
     * No credentials.
     *
     * @return credentials that add nothing
     */
    static Credentials none() {
        return new Credentials() {
            @Override
            public void apply(Request.Builder request) {}

            @Override
            public Optional<Secret> current() {
                return Optional.empty();
            }
        };
    }

    /**
     * {@code Authorization: Bearer <secret>}.
     *
     * @param secret the token
     * @return the credentials
     */
    static Credentials bearer(Secret secret) {
        Objects.requireNonNull(secret, "secret");
        return header("Authorization", "Bearer ", () -> secret);
    }

    /**
     * A header carrying a secret that may change, e.g. {@code TOKEN: <access token>}.
     *
     * @param name the header name
     * @param prefix what goes before the value (e.g. {@code "Bearer "}), or empty
     * @param secret supplies the current value
     * @return the credentials
     */
    static Credentials header(String name, String prefix, Supplier<Secret> secret) {
        return new Credentials() {
            @Override
            public void apply(Request.Builder request) {
                request.header(name, prefix + secret.get().reveal());
            }

            @Override
            public Optional<Secret> current() {
                return Optional.ofNullable(secret.get());
            }
        };
    }
}
