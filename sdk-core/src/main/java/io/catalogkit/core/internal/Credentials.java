package io.catalogkit.core.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.Request;

/**
 * Puts credentials on a request. A static bearer key, a header token (a platform's own header), no
 * credentials, or a provider that fetches the current value each time (a refreshing token).
 */
public interface Credentials {
    /**
     * Adds the credentials to a request about to be sent.
     *
     * @param request the request builder
     * @return the secret put on the request, or null for none
     * @throws CatalogKitException when the value cannot go in a header (it holds a line break, say);
     *     the message never holds the value
     */
    Secret apply(Request.Builder request);

    /**
     * The credential held from a store, which a refusal makes the pipeline read again; null for
     * credentials that are not read from a store.
     *
     * @return the held credential, or null
     */
    default HeldCredential held() {
        return null;
    }

    /**
     * The value sent, so that error messages can redact it if a server echoes it.
     *
     * @return the current secret, if any
     */
    Optional<Secret> current();

    /**
     * The header these credentials go in, so that the pipeline can keep it on its host.
     *
     * @return the header name, or null for none
     */
    String headerName();

    /**
     * The secret some credentials sent, so that messages can redact it should a server echo it.
     *
     * @param credentials the credentials
     * @return the current secret, or none
     */
    static List<Secret> secrets(Credentials credentials) {
        return credentials.current().map(List::of).orElse(List.of());
    }

    /**
     * No credentials.
     *
     * @return credentials that add nothing
     */
    static Credentials none() {
        return new Credentials() {
            @Override
            public Secret apply(Request.Builder request) {
                return null;
            }

            @Override
            public Optional<Secret> current() {
                return Optional.empty();
            }

            @Override
            public String headerName() {
                return null;
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
        String value = "Bearer " + secret.reveal();
        return new Credentials() {
            @Override
            public Secret apply(Request.Builder request) {
                setHeader(request, "Authorization", value);
                return secret;
            }

            @Override
            public Optional<Secret> current() {
                return Optional.of(secret);
            }

            @Override
            public String headerName() {
                return "Authorization";
            }
        };
    }

    /**
     * {@code Authorization: Bearer <secret>} with a secret read from a store, read again when the
     * platform refuses it.
     *
     * @param held the held credential
     * @return the credentials
     */
    static Credentials bearer(HeldCredential held) {
        Objects.requireNonNull(held, "held");
        return new Credentials() {
            @Override
            public Secret apply(Request.Builder request) {
                Secret s = held.get();
                setHeader(request, "Authorization", "Bearer " + s.reveal());
                return s;
            }

            @Override
            public Optional<Secret> current() {
                return Optional.ofNullable(held.peek());
            }

            @Override
            public String headerName() {
                return "Authorization";
            }

            @Override
            public HeldCredential held() {
                return held;
            }
        };
    }

    /**
     * A header carrying a secret that may change, e.g. a platform's own token header.
     *
     * @param name the header name
     * @param prefix what goes before the value (e.g. {@code "Bearer "}), or empty
     * @param secret supplies the current value
     * @return the credentials
     */
    static Credentials header(String name, String prefix, Supplier<Secret> secret) {
        return new Credentials() {
            @Override
            public Secret apply(Request.Builder request) {
                Secret s = secret.get();
                setHeader(request, name, prefix + s.reveal());
                return s;
            }

            @Override
            public Optional<Secret> current() {
                return Optional.ofNullable(secret.get());
            }

            @Override
            public String headerName() {
                return name;
            }
        };
    }

    /**
     * Sets a credential header, refusing a value HTTP does not allow with a message that names the
     * header and never the value (OkHttp's own message quotes the value of most headers).
     *
     * @param request the request builder
     * @param name the header name
     * @param value the header value
     * @throws CatalogKitException when the value holds a character a header cannot carry
     */
    static void setHeader(Request.Builder request, String name, String value) {
        if (!isHeaderSafe(value)) {
            throw new CatalogKitException("The credential for the " + name + " header holds a character an HTTP"
                    + " header cannot carry (a line break or another control character); nothing was sent");
        }
        request.header(name, value);
    }

    /**
     * Whether a value can go in an HTTP header as OkHttp accepts it: visible ASCII, space and tab.
     *
     * @param value the value
     * @return true when it can
     */
    static boolean isHeaderSafe(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
