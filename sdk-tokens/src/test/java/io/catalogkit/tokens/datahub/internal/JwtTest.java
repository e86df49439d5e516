package io.catalogkit.tokens.datahub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTest {
    static Secret token(String claimsJson, boolean padded) {
        Base64.Encoder enc =
                padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        return Secret.of(enc.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + enc.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".sig");
    }

    @Test
    void readsExpAndActorId() {
        Jwt.Claims c = Jwt.decode(token("{\"actorId\":\"jdoe\",\"sub\":\"other\",\"exp\":1734912000}", false))
                .orElseThrow();
        assertThat(c.expiresAt()).contains(Instant.ofEpochSecond(1734912000L));
        assertThat(c.actorId()).contains("jdoe");
        assertThat(Jwt.actorUrn(token("{\"actorId\":\"jdoe\"}", true))).contains("urn:li:corpuser:jdoe");
    }

    @Test
    void fallsBackToSubAndToleratesAMissingExp() {
        Jwt.Claims c = Jwt.decode(token("{\"sub\":\"svc\"}", true)).orElseThrow();
        assertThat(c.expiresAt()).isEmpty();
        assertThat(c.actorId()).contains("svc");
        Jwt.Claims none =
                Jwt.decode(token("{\"exp\":\"soon\",\"actorId\":7}", false)).orElseThrow();
        assertThat(none.expiresAt()).isEmpty();
        assertThat(none.actorId()).isEmpty();
        assertThat(Jwt.actorUrn(token("{}", false))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain-key", "a.b", "a.b.c.d", "eyJ.!!!.sig", "eyJhbGciOiJIUzI1NiJ9.WzFd.sig"})
    void anythingElseIsNotAJwt(String value) {
        assertThat(Jwt.decode(Secret.of(value))).isEmpty();
    }

    @Test
    void anExpBeyondTheRangeOfInstantIsNotAJwt() {
        assertThat(Jwt.decode(token("{\"exp\":9223372036854775807}", false))).isEmpty();
    }
}
