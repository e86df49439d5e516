package io.catalogkit.tokens.datahub;

import io.catalogkit.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            T value = action.get();
            return new Captured<>(value, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    record Captured<T>(T value, String log) {}
}
