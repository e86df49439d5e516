package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.ConflictException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.RateLimitedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The pipeline's error-mapping stage, the one place where an error answer becomes an exception: the
 * status picks the type, whatever the body; what the platform's {@link ErrorParser} read from the
 * body adds code, message and request id. Messages are built from cleaned server text and never
 * hold a secret.
 */
public final class ErrorMapper {
    private final String platform;
    private final Redactor redactor;

    /**
     * Creates a mapper with a redactor of its own.
     *
     * @param platform the platform name that starts every message
     */
    public ErrorMapper(String platform) {
        this(platform, new Redactor());
    }

    /**
     * Creates a mapper that cleans server text with the client's redactor.
     *
     * @param platform the platform name that starts every message
     * @param redactor the client's redactor, which knows every secret the client holds
     */
    public ErrorMapper(String platform, Redactor redactor) {
        this.platform = platform;
        this.redactor = redactor;
    }

    /**
     * The client's redactor.
     *
     * @return the redactor
     */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * Turns a report into the exception its status stands for.
     *
     * @param request the failed request
     * @param path the URL path sent
     * @param report what the server said
     * @param extraSecrets further values to redact (the credentials sent)
     * @return the exception, to be thrown by the caller
     */
    public ApiException toException(ApiRequest request, String path, ErrorReport report, List<Secret> extraSecrets) {
        return toException(request, path, report.status(), report, extraSecrets);
    }

    /**
     * Turns a report into the exception its status stands for, where the HTTP status differs from
     * the one the report states (an error inside a 2xx body).
     *
     * @param request the failed request
     * @param path the URL path sent
     * @param httpStatus the HTTP status received
     * @param report what the server said
     * @param extraSecrets further values to redact (the credentials sent)
     * @return the exception, to be thrown by the caller
     */
    public ApiException toException(
            ApiRequest request, String path, int httpStatus, ErrorReport report, List<Secret> extraSecrets) {
        return toException(request, path, httpStatus, report, null, extraSecrets);
    }

    /**
     * Turns a report into the exception its status stands for, with the text of an answer that was
     * not JSON: it stands in for the message the platform's error shape would have held.
     *
     * @param request the failed request
     * @param path the URL path sent
     * @param httpStatus the HTTP status received
     * @param report what the server said
     * @param foreignText the answer's text when it was not JSON (see {@link #excerpt}), or null
     * @param extraSecrets further values to redact (the credentials sent)
     * @return the exception, to be thrown by the caller
     */
    public ApiException toException(
            ApiRequest request,
            String path,
            int httpStatus,
            ErrorReport report,
            String foreignText,
            List<Secret> extraSecrets) {
        List<Secret> secrets = redactor.all(request.secrets);
        secrets.addAll(extraSecrets);
        int status = report.status();
        String serverMessage =
                Redactor.clean(report.message() != null ? report.message() : foreignText, secrets, Redactor.MAX);
        String code = Redactor.clean(report.errorCode(), secrets, 80);
        String requestId = Redactor.clean(report.requestId(), secrets, 80);
        String hint = request.hints.hint(status, code);
        if (hint == null) {
            hint = defaultHint(status);
        }
        if (httpStatus == 405 || (httpStatus == 404 && report.message() == null && code == null)) {
            // a path the SDK knows, unknown or closed to the server that answered, in no shape of the
            // platform's own errors: most likely another service
            hint += " If this keeps happening, check the base URL: the server that answered may not be " + platform
                    + "'s API (another service, or a path prefix missing or extra).";
        }
        StringBuilder m = new StringBuilder()
                .append(platform)
                .append(' ')
                .append(request.operation)
                .append(" failed: ")
                .append(request.method)
                .append(' ')
                .append(path)
                .append(" answered ")
                .append(httpStatus == status ? String.valueOf(status) : httpStatus + " reporting an error " + status);
        if (serverMessage != null) {
            m.append(": ").append(serverMessage);
        }
        if (code != null) {
            m.append(" (code ").append(code).append(')');
        }
        m.append(". ").append(hint);
        if (report.retryAfter() != null) {
            m.append(" The server asked to wait ")
                    .append(report.retryAfter().toSeconds())
                    .append(" s.");
        }
        if (requestId != null) {
            m.append(" [request id ").append(requestId).append(']');
        }
        String msg = m.toString();
        String method = request.method;
        if (status == 401) {
            return new AuthenticationException(msg, status, requestId, code, method, path);
        } else if (status == 403) {
            return new PermissionDeniedException(msg, status, requestId, code, method, path);
        } else if (status == 404) {
            return new NotFoundException(msg, status, requestId, code, method, path);
        } else if (status == 409) {
            return new ConflictException(msg, status, requestId, code, method, path);
        } else if (status == 429) {
            return new RateLimitedException(msg, status, requestId, code, method, path, report.retryAfter());
        } else if (status >= 500) {
            return new ServerException(msg, status, requestId, code, method, path);
        }
        return new ApiException(msg, status, requestId, code, method, path);
    }

    /**
     * A refusal of a credential, its message ending with what the client found in the credential's
     * store: an {@link AuthenticationException} with the refusal's status, ids, method and path.
     *
     * @param refused the platform's refusal
     * @param sentence what the store held, naming it and never a value
     * @return the exception, to be thrown by the caller
     */
    public static AuthenticationException refusedCredential(ApiException refused, String sentence) {
        return new AuthenticationException(
                refused.getMessage() + " " + sentence,
                refused.statusCode(),
                refused.requestId().orElse(null),
                refused.errorCode().orElse(null),
                refused.method(),
                refused.path());
    }

    /**
     * Turns an error answer into its exception: the platform's parser reads the body, the request id
     * comes from the answer's headers, else its body, else the one catalogkit sent.
     *
     * @param request the failed request
     * @param path the URL path sent
     * @param raw the answer
     * @param retryAfter the wait the server asked for, or null
     * @param sentId the request id catalogkit sent
     * @param parser the platform's error parser
     * @param extraSecrets further values to redact (the credentials sent)
     * @return the exception, to be thrown by the caller
     */
    ApiException fromAnswer(
            ApiRequest request,
            String path,
            HttpSender.Raw raw,
            Duration retryAfter,
            String sentId,
            ErrorParser parser,
            List<Secret> extraSecrets) {
        JsonNode body = null;
        String text = excerpt(raw.body()); // before the JSON read, which consumes the body
        if (raw.body() != null) {
            try {
                body = AnswerReader.tree(raw.body());
            } catch (AnswerReader.Unreadable e) {
                body = null;
            }
        }
        ErrorReport parsed = parser.parse(raw.status(), raw.headers(), body);
        String id = parser.requestId(raw.headers());
        if (id == null) {
            id = parsed.requestId() != null ? parsed.requestId() : sentId;
        }
        // The parser may state another status than the HTTP one (an OAuth invalid_client sent as 400).
        ErrorReport report = new ErrorReport(parsed.status(), parsed.errorCode(), parsed.message(), id, retryAfter);
        return toException(request, path, raw.status(), report, body == null ? text : null, extraSecrets);
    }

    /**
     * A 2xx whose body is not what the platform sends, with no further secrets to redact.
     *
     * @param request the request
     * @param path the URL path sent
     * @param status the status received
     * @param contentType the content type received, or null
     * @param what what was expected or missing
     * @return the exception, to be thrown by the caller
     */
    public MalformedResponseException malformed(
            ApiRequest request, String path, int status, String contentType, String what) {
        return malformed(request, path, status, contentType, what, List.of());
    }

    /**
     * A 2xx whose body is not what the platform sends.
     *
     * @param request the request
     * @param path the URL path sent
     * @param status the status received
     * @param contentType the content type received, or null
     * @param what what was expected or missing, e.g. "a JSON object with records"; server text in
     *     it (a field name, an id) is cleaned here too
     * @param extraSecrets further values to redact (the credentials sent)
     * @return the exception, to be thrown by the caller
     */
    public MalformedResponseException malformed(
            ApiRequest request,
            String path,
            int status,
            String rawContentType,
            String what,
            List<Secret> extraSecrets) {
        List<Secret> secrets = redactor.all(request.secrets);
        secrets.addAll(extraSecrets);
        String contentType = Redactor.clean(rawContentType, secrets, 100);
        what = Redactor.clean(what, secrets, 3 * Redactor.MAX);
        String hint = contentType != null
                        && contentType.toLowerCase(java.util.Locale.ROOT).contains("html")
                ? " An HTML page usually means the base URL points at a login page, a proxy or the web UI"
                        + " rather than the API."
                : " Check that the base URL points at the API itself and that no proxy alters its answers.";
        if (!request.safeToRetry) {
            // The server answered 2xx: it most likely acted, whatever the body says.
            hint += " The server may have acted on the request"
                    + (request.ambiguousFailureHint != null ? ": " + request.ambiguousFailureHint : ".");
        }
        return new MalformedResponseException(platform + " " + request.operation + ": " + request.method + " " + path
                + " answered " + status + " with content type " + (contentType == null ? "(none)" : contentType)
                + ", but catalogkit expected " + what + "." + hint);
    }

    /**
     * No usable answer came: the message says what failed, after how many attempts, and whether
     * the server may have acted on the request.
     *
     * @param request the request
     * @param path the URL path sent
     * @param failure what failed, or null when the time budget ran out between attempts
     * @param mayHaveReachedServer whether any attempt may have reached the server
     * @param attempts how many attempts were made
     * @return the exception, to be thrown by the caller
     */
    public TransportException transportFailure(
            ApiRequest request, String path, IOException failure, boolean mayHaveReachedServer, int attempts) {
        StringBuilder m = new StringBuilder()
                .append(platform)
                .append(' ')
                .append(request.operation)
                .append(": ")
                .append(request.method)
                .append(' ')
                .append(path);
        if (failure instanceof FollowUpGuard.FollowUpRefused) {
            m.append(" failed: ").append(failure.getMessage()).append(',');
        } else if (untrustedCertificate(failure)) {
            m.append(" failed: the server's TLS certificate is not trusted (")
                    .append(failure.getClass().getSimpleName())
                    .append("),");
        } else if (failure == null || failure instanceof InterruptedIOException) {
            m.append(" timed out");
        } else {
            m.append(" failed (").append(failure.getClass().getSimpleName()).append(')');
        }
        m.append(" after ").append(attempts).append(attempts == 1 ? " attempt." : " attempts.");
        if (untrustedCertificate(failure)) {
            m.append(" The request was not sent. The certificate does not chain to an authority this client"
                    + " trusts: when the catalog uses a private certificate authority, pass the client builder's"
                    + " httpClient(...) an OkHttpClient built with sslSocketFactory(...) and an X509TrustManager"
                    + " that trusts that authority (or add it to the JVM's trust store); check the base URL if"
                    + " another server answered.");
        } else if (!mayHaveReachedServer) {
            m.append(" The request never reached the server: check the base URL and the network.");
        } else if (!request.safeToRetry) {
            m.append(" The request may have reached the server, so it was not repeated.");
            if (request.ambiguousFailureHint != null) {
                m.append(' ').append(request.ambiguousFailureHint);
            }
        }
        return new TransportException(m.toString(), mayHaveReachedServer, failure);
    }

    /**
     * Whether a failure is a TLS handshake that ended on a server certificate the client does not
     * trust (its chain does not lead to a trusted authority): no retry can change that.
     *
     * @param failure what failed, or null
     * @return true for an {@link SSLHandshakeException} or {@link SSLPeerUnverifiedException} caused
     *     by a certification-path failure
     */
    public static boolean untrustedCertificate(Throwable failure) {
        if (!(failure instanceof SSLHandshakeException) && !(failure instanceof SSLPeerUnverifiedException)) {
            return false;
        }
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof CertPathValidatorException || t instanceof CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    /** The most bytes of an answer read for {@link #excerpt}. */
    static final int EXCERPT_BYTES = 4096;

    /**
     * The readable text of an error answer that is not JSON, for the message: an HTML page's title
     * (or its text without tags), a plain text as is, whitespace collapsed. Untrusted: the caller
     * cleans it like any server text. The buffer is left as it was.
     *
     * @param body the answer's body, or null
     * @return the text, or null when there is none
     */
    public static String excerpt(okio.Buffer body) {
        if (body == null || body.size() == 0) {
            return null;
        }
        String text = body.snapshot((int) Math.min(body.size(), EXCERPT_BYTES)).utf8();
        java.util.regex.Matcher title = TITLE.matcher(text);
        if (title.find()) {
            text = title.group(1);
        } else if (text.stripLeading().startsWith("<")) {
            text = TAG.matcher(text).replaceAll(" ");
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? null : text;
    }

    private static final java.util.regex.Pattern TITLE =
            java.util.regex.Pattern.compile("<title[^>]*>([^<]*)</title>", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");

    static String defaultHint(int status) {
        if (status == 401) {
            return "Check the API key / token; it may be wrong, expired or revoked.";
        } else if (status == 403) {
            return "The credentials are valid but lack the permission for this operation.";
        } else if (status == 404) {
            return "The resource does not exist, or these credentials cannot see it.";
        } else if (status == 409) {
            return "The resource is in a conflicting state; read it again before retrying.";
        } else if (status == 429) {
            return "Rate limited: slow down, or retry after the delay the server gave.";
        } else if (status >= 500) {
            return "The server failed; try again later.";
        } else if (status >= 300 && status < 400) {
            return "The base URL redirects (to a login page or another host); point baseUrl at the API host itself.";
        }
        return "The server rejected the request; see its message.";
    }
}
