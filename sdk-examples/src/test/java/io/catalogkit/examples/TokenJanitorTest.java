package io.catalogkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.atlan.ApiTokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Mockito example, verbatim (ReadmeTest checks that the README shows this code). */
class TokenJanitorTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    final ApiTokenService tokens = mock(ApiTokenService.class);

    static ApiToken token(String guid, Instant createdAt) {
        return ApiToken.builder()
                .guid(guid)
                .clientId("apikey-" + guid)
                .displayName(guid)
                .createdAt(createdAt)
                .validitySeconds(86_400L)
                .build();
    }

    @Test
    void purgesExpiredTokensAndSkipsOnesAlreadyGone() {
        ApiToken expired = token("g1", NOW.minus(Duration.ofDays(2)));
        ApiToken gone = token("g2", NOW.minus(Duration.ofDays(3)));
        ApiToken fresh = token("g3", NOW);
        when(tokens.list(0, 100))
                .thenReturn(Page.of(List.of(expired, gone), 3, () -> Page.of(List.of(fresh), 3, null))); // two pages
        doThrow(NotFoundException.of("no API token g2")).when(tokens).purge("g2");

        assertThat(new TokenJanitor(tokens).purgeExpired(NOW)).isEqualTo(1);
        verify(tokens).purge("g1");
        verify(tokens, never()).purge("g3");
    }

    @Test
    void aRevokedKeyStopsTheJanitor() {
        when(tokens.list(0, 100)).thenThrow(AuthenticationException.of("the API key was revoked"));

        assertThatThrownBy(() -> new TokenJanitor(tokens).purgeExpired(NOW))
                .isInstanceOf(AuthenticationException.class);
    }
}
