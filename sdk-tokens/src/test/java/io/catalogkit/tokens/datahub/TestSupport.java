package io.catalogkit.tokens.datahub;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.StderrCapture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/** Helpers shared by the DataHub tests. */
final class TestSupport {
    private TestSupport() {}

    /** A DataHub-shaped JWT (unsigned for real: the signature is a placeholder) for the client to send. */
    static Secret jwt(String actorId, Long expSeconds) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"actorType\":\"USER\",\"actorId\":\"" + actorId
                + "\",\"type\":\"PERSONAL\",\"version\":\"2\","
                + "\"jti\":\"5b4c\",\"sub\":\"" + actorId + "\""
                + (expSeconds == null ? "" : ",\"exp\":" + expSeconds) + ",\"iss\":\"datahub-metadata-service\"}";
        return Secret.of(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk");
    }

    /** What was written to System.err (where slf4j-simple logs in these tests) while running the action. */
    static <T> Captured<T> captureStdErr(Supplier<T> action) {
        try (StderrCapture capture = new StderrCapture()) {
            T value = action.get();
            return new Captured<>(value, capture.text());
        }
    }

    record Captured<T>(T value, String log) {}
}
