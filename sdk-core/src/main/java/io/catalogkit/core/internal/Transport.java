package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one entry point a platform client sends through, wiring a small pipeline of stages, each with
 * one job: {@link RequestFactory} builds what is sent; {@link RetryingSender} sends the attempts of an
 * operation and is the only place anything is repeated; {@link HttpSender} sends one exchange and
 * lets OkHttp repeat nothing; {@link ErrorMapper} turns an error answer, read by the platform's {@link
 * ErrorParser}, into an exception; {@link AnswerReader} reads the JSON of a success once; {@code
 * CallTracker} tells the client's listener how each operation went. This class holds the client's
 * lifecycle.
 *
 * <p>The time budget of an operation is the client's call timeout, or the operation's own longer
 * default when the call timeout was not set explicitly; every attempt and every wait between
 * attempts come out of it. After {@link #close()} every call throws {@link IllegalStateException}
 * before anything is sent. Thread-safe; one per client.
 */
public final class Transport implements AutoCloseable {
    private final ClientOptions options;
    private final String platform;
    private final Credentials credentials;
    private final ErrorMapper errors;
    private final HttpSender sender;
    private final RetryingSender retrying;
    private final CallTracker tracker;

    /** The transport this one is a view of (sharing everything but the credentials), or null. */
    private final Transport parent;

    private volatile boolean closed;

    private Transport(Builder b) {
        this.options = b.options;
        this.platform = b.platform;
        this.credentials = b.credentials;
        this.errors = new ErrorMapper(platform, b.redactor);
        List<String> credentialHeaders = new ArrayList<>(b.credentialHeaders);
        if (credentials.headerName() != null) {
            credentialHeaders.add(credentials.headerName());
        }
        this.sender = new HttpSender(options, credentialHeaders);
        this.retrying = new RetryingSender(
                options,
                platform,
                new RequestFactory(options.baseUrl(), platform, b.requestIdHeader),
                sender,
                errors,
                b.parser,
                () -> closed);
        this.tracker = new CallTracker(options.listener().orElse(null), platform);
        this.parent = null;
    }

    private Transport(Transport parent, Credentials credentials) {
        this.options = parent.options;
        this.platform = parent.platform;
        this.credentials = credentials;
        this.errors = parent.errors;
        this.sender = parent.sender;
        this.retrying = parent.retrying;
        this.tracker = parent.tracker;
        this.parent = parent;
    }

    /**
     * A view of this transport that sends with other credentials of the same kind (a rotation's
     * replacement key): the same connection pool, retries, listener and redactor, no new OkHttp
     * client. It closes with this transport; closing the view itself does nothing.
     *
     * @param credentials the view's credentials
     * @return the view
     */
    public Transport withCredentials(Credentials credentials) {
        return new Transport(this, Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Starts a transport.
     *
     * @param options the client's settings
     * @param platform the platform name that starts messages and log lines
     * @return a builder
     */
    public static Builder builder(ClientOptions options, String platform) {
        return new Builder(options, platform);
    }

    /**
     * The client's settings.
     *
     * @return the options
     */
    public ClientOptions options() {
        return options;
    }

    /**
     * The base URL as a client's {@code toString()} shows it: without user name and password.
     *
     * @return the base URL
     */
    public String baseUrlForDisplay() {
        return options.baseUrl().newBuilder().username("").password("").build().toString();
    }

    /**
     * The client's redactor, which knows every secret the client holds.
     *
     * @return the redactor
     */
    public Redactor redactor() {
        return errors.redactor();
    }

    /**
     * Throws when the client was closed; for client methods that may answer without a request.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void checkOpen() {
        if (parent != null ? parent.closed : closed) {
            throw new IllegalStateException(
                    "This " + platform + " client is closed: build a new one (nothing was sent)");
        }
    }

    /**
     * Sends a request, with retries, and returns its successful answer parsed as a JSON tree.
     *
     * @param request the request
     * @return the answer
     * @throws ApiException on an error status
     * @throws MalformedResponseException when a 2xx body is not JSON
     * @throws TransportException when no answer came
     * @throws IllegalStateException when the client is closed
     */
    public Answer exchange(ApiRequest request) {
        checkOpen();
        RetryingSender.Progress progress = tracker.start(request);
        try {
            RetryingSender.Result r = retrying.execute(request, credentials, progress);
            JsonNode body = r.tree();
            if (r.unreadable() != null) {
                throw malformed(request, r, r.unreadable());
            }
            if (!r.parsed() && r.raw() != null) {
                try {
                    body = AnswerReader.tree(r.raw().body());
                } catch (AnswerReader.Unreadable e) {
                    throw malformed(request, r, e.getMessage());
                }
            }
            Answer answer =
                    new Answer(request, errors, r.creds(), r.status(), r.path(), r.contentType(), r.requestId(), body);
            tracker.end(progress, null);
            return answer;
        } catch (RuntimeException | Error e) {
            tracker.end(progress, e);
            throw e;
        }
    }

    private MalformedResponseException malformed(ApiRequest request, RetryingSender.Result r, String expected) {
        return errors.malformed(
                request,
                r.path(),
                r.raw().status(),
                RetryingSender.contentType(r.raw()),
                expected,
                Credentials.secrets(r.creds()));
    }

    /**
     * Stops the client: every later call throws {@link IllegalStateException} before sending.
     * Closes the connection pool and threads, unless the OkHttp client was the caller's.
     */
    @Override
    public void close() {
        if (parent == null) {
            closed = true;
            sender.close();
        }
    }

    /** Builds a {@link Transport}. */
    public static final class Builder {
        private final ClientOptions options;
        private final String platform;
        private Credentials credentials = Credentials.none();
        private String requestIdHeader = "X-Request-Id";
        private ErrorParser parser = FieldErrorParser.builder().build();
        private final List<String> credentialHeaders = new ArrayList<>();
        private Redactor redactor = new Redactor();

        private Builder(ClientOptions options, String platform) {
            this.options = Objects.requireNonNull(options, "options");
            this.platform = Objects.requireNonNull(platform, "platform");
        }

        /**
         * The client's credentials, applied to every request that does not bring its own.
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * Further headers that may carry credentials (a per-call credential of another kind than the
         * client's); each, like the client's own and {@code Authorization}, goes only to the base
         * URL's origin.
         *
         * @param headers header names
         * @return this builder
         */
        public Builder credentialHeaders(String... headers) {
            this.credentialHeaders.addAll(List.of(headers));
            return this;
        }

        /**
         * The header that carries the request id catalogkit makes for each call, or null for none.
         *
         * @param header the header name
         * @return this builder
         */
        public Builder requestIdHeader(String header) {
            this.requestIdHeader = header;
            return this;
        }

        /**
         * The platform's reading of its error answers and request-id headers.
         *
         * @param parser the parser
         * @return this builder
         */
        public Builder errorParser(ErrorParser parser) {
            this.parser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /**
         * The client's redactor: it cleans every server text that enters a message, and the client
         * tells it every secret it holds.
         *
         * @param redactor the redactor
         * @return this builder
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return the transport
         */
        public Transport build() {
            return new Transport(this);
        }
    }
}
