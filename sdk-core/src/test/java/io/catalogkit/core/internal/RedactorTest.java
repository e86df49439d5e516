package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final Secret KEY = Secret.of("key-0123456789abcdef");
    private static final Secret REFRESH = Secret.of("refresh-fedcba9876543210");

    @Test
    void removesEverySecretTheClientHoldsNotOnlyTheRequests() {
        Redactor r = new Redactor().hold(KEY).hold(REFRESH);
        String out = r.clean(
                "echo " + KEY.reveal() + " and " + REFRESH.reveal() + " and req-secret-xyz",
                List.of(Secret.of("req-secret-xyz")));
        assertThat(out)
                .doesNotContain(KEY.reveal())
                .doesNotContain(REFRESH.reveal())
                .doesNotContain("req-secret-xyz")
                .contains("[redacted]");
    }

    @Test
    void keepsTheLastRotatingSecretsAndForgetsOlderOnes() {
        Redactor r = new Redactor();
        for (int i = 0; i < 20; i++) {
            r.holdRecent(Secret.of("access-token-number-" + (100 + i)));
        }
        assertThat(r.quote("access-token-number-119 access-token-number-112")).isEqualTo("[redacted] [redacted]");
        assertThat(r.quote("access-token-number-100")).isEqualTo("access-token-number-100");
    }

    @Test
    void escapesControlBidiAndLineSeparatorsSoNoLineCanBeForged() {
        String forged = "id-1\n[ERROR] forged\r\u001b[31m\u202egnp.exe\u2028x\u200by\ud800";
        String out = new Redactor().quote(forged);
        assertThat(out)
                .doesNotContain("\n")
                .doesNotContain("\r")
                .doesNotContain("\u001b")
                .doesNotContain("\u202e")
                .doesNotContain("\u2028")
                .doesNotContain("\u200b")
                .startsWith("id-1\\n[ERROR] forged\\r\\u001b[31m\\u202egnp.exe\\u2028x\\u200by\\ud800");
        assertThat(out.chars().noneMatch(Character::isISOControl)).isTrue();
        assertThat(new Redactor().quote("ordinary text, é ü 日本")).isEqualTo("ordinary text, é ü 日本");
    }

    @Test
    void cutsToABoundAfterRedactingSoNoSecretIsCutInHalf() {
        String text = "x".repeat(290) + KEY.reveal() + "y".repeat(5000);
        String out = new Redactor().hold(KEY).quote(text);
        assertThat(out)
                .hasSizeLessThanOrEqualTo(Redactor.MAX + 3)
                .endsWith("...")
                .doesNotContain("key-01");
        assertThat(Redactor.clean("\n".repeat(400), List.of(), 10)).isEqualTo("\\n\\n\\n\\n\\n...");
        assertThat(new Redactor().quote("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"))
                .isEqualTo("[redacted]");
        assertThat(new Redactor().quote(null)).isNull();
    }

    @Test
    void theMapperCleansContentTypeAndWhatWithTheClientsSecrets() {
        Redactor r = new Redactor().hold(KEY);
        ErrorMapper mapper = new ErrorMapper("Test", r);
        ApiRequest request = ApiRequest.builder("do it", "GET").build();
        String m = mapper.malformed(
                        request,
                        "/t",
                        200,
                        "text/plain; x=" + KEY.reveal() + "\n[ERROR] forged",
                        "field '" + REFRESH.reveal() + "'",
                        List.of(REFRESH))
                .getMessage();
        assertThat(m)
                .doesNotContain(KEY.reveal())
                .doesNotContain(REFRESH.reveal())
                .doesNotContain("\n");
        ApiException e = mapper.toException(
                request, "/t", ErrorReport.of(500, "c\u001b" + KEY.reveal(), "msg " + KEY.reveal()), List.of());
        assertThat(e.getMessage()).doesNotContain(KEY.reveal()).doesNotContain("\u001b");
        assertThat(e.errorCode().orElse("")).doesNotContain(KEY.reveal());
    }
}
