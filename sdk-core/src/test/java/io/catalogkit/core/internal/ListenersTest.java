package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.CallListener;
import io.catalogkit.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The listener's guard, its operation names, combined listeners, and the JWT claims reader. */
class ListenersTest {
    static final CallListener.Call CALL = new CallListener.Call("atlan", "list_api_tokens");
    static final CallListener.Result OK =
            new CallListener.Result(CallListener.Outcome.SUCCESS, "200", 1, Duration.ofMillis(5), "none");

    final List<String> heard = new CopyOnWriteArrayList<>();

    CallListener recording(String name) {
        return new CallListener() {
            @Override
            public void callStarted(Call call) {
                heard.add(name + " started " + call);
            }

            @Override
            public void callEnded(Call call, Result result) {
                heard.add(name + " ended " + result.outcome());
            }

            @Override
            public void retrying(Call call, String reason, Duration delay) {
                heard.add(name + " retrying " + reason);
            }

            @Override
            public void credentialReread(String platform, boolean changed) {
                heard.add(name + " reread " + changed);
            }

            @Override
            public void tokenMinted(String platform, String kind, Optional<Instant> expiresAt) {
                heard.add(name + " minted " + kind);
            }
        };
    }

    static final CallListener THROWING = new CallListener() {
        @Override
        public void callStarted(Call call) {
            throw new IllegalStateException("bug");
        }

        @Override
        public void callEnded(Call call, Result result) {
            throw new IllegalStateException("bug");
        }

        @Override
        public void retrying(Call call, String reason, Duration delay) {
            throw new IllegalStateException("bug");
        }

        @Override
        public void credentialReread(String platform, boolean changed) {
            throw new IllegalStateException("bug");
        }

        @Override
        public void tokenMinted(String platform, String kind, Optional<Instant> expiresAt) {
            throw new IllegalStateException("bug");
        }
    };

    static void everyEvent(CallListener l) {
        l.callStarted(CALL);
        l.retrying(CALL, "503", Duration.ofMillis(100));
        l.credentialReread("atlan", true);
        l.tokenMinted("alation", "oauth", Optional.empty());
        l.callEnded(CALL, OK);
    }

    @Test
    void operationNamesAreLowerCaseWordsJoinedByUnderscores() {
        assertThat(Listeners.operation("create API token")).isEqualTo("create_api_token");
        assertThat(Listeners.operation("add API token as admin: save asset with the impersonation token"))
                .isEqualTo("add_api_token_as_admin_save_asset_with_the_impersonation_token");
        assertThat(Listeners.operation("  list  ")).isEqualTo("list");
        assertThat(Listeners.platform("DataHub")).isEqualTo("datahub");
    }

    @Test
    void aGuardedListenerNeverThrowsAndStillPassesEveryEvent() {
        assertThat(Listeners.guard(null)).isNull();
        everyEvent(Listeners.guard(THROWING));
        everyEvent(Listeners.guard(recording("a")));
        assertThat(heard)
                .containsExactly(
                        "a started Call[atlan list_api_tokens]",
                        "a retrying 503",
                        "a reread true",
                        "a minted oauth",
                        "a ended SUCCESS");
    }

    @Test
    void combinedListenersAllHearEveryEventEvenAfterOneThrows() {
        CallListener both = CallListener.of(THROWING, recording("b"));
        assertThatThrownBy(() -> both.callStarted(CALL)).hasMessage("bug");
        assertThatThrownBy(() -> both.retrying(CALL, "429", Duration.ZERO)).hasMessage("bug");
        assertThatThrownBy(() -> both.credentialReread("atlan", false)).hasMessage("bug");
        assertThatThrownBy(() -> both.tokenMinted("alation", "access-token", Optional.empty()))
                .hasMessage("bug");
        assertThatThrownBy(() -> both.callEnded(CALL, OK)).hasMessage("bug");
        assertThat(heard).hasSize(5);
        CallListener twice = CallListener.of(THROWING, THROWING);
        assertThatThrownBy(() -> twice.callStarted(CALL))
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        everyEvent(new CallListener() {}); // the defaults do nothing
    }

    @Test
    void aResultNeedsEveryPart() {
        assertThat(CALL.platform()).isEqualTo("atlan");
        assertThat(CALL.operation()).isEqualTo("list_api_tokens");
        assertThatThrownBy(() -> new CallListener.Result(null, "200", 1, Duration.ZERO, "none"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CallListener.Call(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void jwtClaimsAreReadOnlyFromAJwtWithAnObject() {
        String claims = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"azp\":\"apikey-1\",\"exp\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Secret jwt = Secret.of("eyJhbGciOiJub25lIn0." + claims + ".sig");
        assertThat(JwtClaims.of(jwt)).isPresent();
        assertThat(JwtClaims.text(JwtClaims.of(jwt).orElseThrow(), "azp")).contains("apikey-1");
        assertThat(JwtClaims.text(JwtClaims.of(jwt).orElseThrow(), "exp")).isEmpty();
        assertThat(JwtClaims.of(Secret.of("opaque-token-0001"))).isEmpty();
        assertThat(JwtClaims.of(Secret.of("a.!!!.c"))).isEmpty();
        String array = Base64.getUrlEncoder().withoutPadding().encodeToString("[1]".getBytes());
        assertThat(JwtClaims.of(Secret.of("a." + array + ".c"))).isEmpty();
        String padded = Base64.getUrlEncoder().encodeToString("{\"a\":\"bc\"}".getBytes());
        assertThat(JwtClaims.of(Secret.of("a." + padded + ".c"))).isPresent();
    }
}
