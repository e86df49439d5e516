package io.catalogkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelsTest {
    private static final Secret SECRET = Secret.of("eyJhbGciOiJSUzI1NiJ9.model-test.signature");
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private static ApiToken apiToken() {
        return ApiToken.builder()
                .guid("3f9c2b71")
                .clientId("apikey-b7e4")
                .displayName("nightly-sync")
                .personaQualifiedName("default/a")
                .personaQualifiedName("default/b")
                .accessToken(SECRET)
                .validitySeconds(157680000L)
                .createdAt(CREATED)
                .createdBy("jdoe")
                .build();
    }

    @Test
    void apiTokenDerivesExpiryAndServiceAccount() {
        ApiToken t = apiToken();
        assertThat(t.getExpiresAt()).contains(CREATED.plusSeconds(157680000L));
        assertThat(t.getServiceAccountUsername()).isEqualTo("service-account-apikey-b7e4");
        assertThat(t.getPersonaQualifiedNames()).containsExactly("default/a", "default/b");
        assertThat(t.getDescription()).isEmpty();
        assertThat(t.getCreatedBy()).contains("jdoe");
        assertThat(t.getValiditySeconds()).contains(157680000L);
        assertThat(t.getCreatedAt()).contains(CREATED);
    }

    @Test
    void apiTokenWithoutLifespanOrCreationHasNoExpiry() {
        assertThat(apiToken().toBuilder().validitySeconds(null).build().getExpiresAt())
                .isEmpty();
        assertThat(apiToken().toBuilder().validitySeconds(0L).build().getExpiresAt())
                .isEmpty();
        assertThat(apiToken().toBuilder().createdAt(null).build().getExpiresAt())
                .isEmpty();
    }

    @Test
    void anExpiryBeyondWhatAnInstantHoldsSaturatesInsteadOfThrowing() {
        ApiToken farOut = apiToken().toBuilder()
                .createdAt(Instant.ofEpochMilli(Long.MAX_VALUE))
                .validitySeconds(Long.MAX_VALUE)
                .build();
        assertThat(farOut.getExpiresAt()).contains(Instant.MAX);
        assertThat(apiToken().toBuilder()
                        .validitySeconds(Long.MAX_VALUE)
                        .build()
                        .getExpiresAt())
                .contains(Instant.MAX);
        assertThat(apiToken().toBuilder()
                        .createdAt(Instant.MIN)
                        .validitySeconds(Long.MAX_VALUE)
                        .build()
                        .getExpiresAt())
                .contains(Instant.MAX);
        Instant last = Instant.MAX.minusSeconds(10);
        assertThat(apiToken().toBuilder()
                        .createdAt(last)
                        .validitySeconds(5L)
                        .build()
                        .getExpiresAt())
                .contains(last.plusSeconds(5));
    }

    @Test
    void toBuilderChangesOneFieldAndKeepsTheRest() {
        ApiToken renamed = apiToken().toBuilder().displayName("renamed").build();
        assertThat(renamed.getDisplayName()).isEqualTo("renamed");
        assertThat(renamed.getGuid()).isEqualTo("3f9c2b71");
        assertThat(renamed.getAccessToken()).contains(SECRET);
    }

    @Test
    void requiredFieldsAreChecked() {
        assertThatThrownBy(
                        () -> ApiToken.builder().clientId("c").displayName("d").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("guid");
    }

    @Test
    void noModelPrintsOrSerializesItsSecret() throws Exception {
        RefreshToken r = RefreshToken.builder()
                .userId(17)
                .name("ci")
                .secret(SECRET)
                .createdAt(CREATED)
                .status(TokenStatus.ACTIVE)
                .build();
        AccessToken a = AccessToken.builder()
                .secret(SECRET)
                .owner("17")
                .createdAt(CREATED)
                .status(TokenStatus.ACTIVE)
                .build();
        for (Object model : List.of(apiToken(), r, a)) {
            assertThat(model.toString()).doesNotContain(SECRET.reveal()).contains("Secret[redacted]");
            assertThat(Json.MAPPER.writeValueAsString(model)).doesNotContain(SECRET.reveal());
        }
    }

    @Test
    void absentValuesAreEmptyOptionals() {
        AccessToken a = AccessToken.builder().build();
        assertThat(a.getId()).isEmpty();
        assertThat(a.getName()).isEmpty();
        assertThat(a.getDescription()).isEmpty();
        assertThat(a.getSecret()).isEmpty();
        assertThat(a.getOwner()).isEmpty();
        assertThat(a.getActor()).isEmpty();
        assertThat(a.getCreatedAt()).isEmpty();
        assertThat(a.getExpiresAt()).isEmpty();
        assertThat(a.getStatus()).isEqualTo(TokenStatus.UNKNOWN);
        RefreshToken r = RefreshToken.builder().name("n").createdAt(CREATED).build();
        assertThat(r.getSecret()).isEmpty();
        assertThat(r.getExpiresAt()).isEmpty();
        assertThat(r.getLastUsedAt()).isEmpty();
        assertThat(r.getStatus()).isEqualTo(TokenStatus.UNKNOWN);
    }

    @Test
    void statusParsesLeniently() {
        assertThat(TokenStatus.parse("active")).isEqualTo(TokenStatus.ACTIVE);
        assertThat(TokenStatus.parse(" Expired ")).isEqualTo(TokenStatus.EXPIRED);
        assertThat(TokenStatus.parse("REVOKED")).isEqualTo(TokenStatus.REVOKED);
        assertThat(TokenStatus.parse("PENDING")).isEqualTo(TokenStatus.UNKNOWN);
        assertThat(TokenStatus.parse(null)).isEqualTo(TokenStatus.UNKNOWN);
    }

    @Test
    void autoPagerFetchesPagesOnlyAsItGoes() {
        AtomicInteger fetches = new AtomicInteger();
        Page<Integer> first = pageFrom(0, 7, 3, fetches);
        assertThat(first.getItems()).containsExactly(0, 1, 2);
        assertThat(first.getTotal()).isEqualTo(7);
        assertThat(fetches).hasValue(0);
        assertThat(first.autoPager().limit(4).toList()).containsExactly(0, 1, 2, 3);
        assertThat(fetches).hasValue(1);
        assertThat(first.autoPager().toList()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(first.nextPage().nextPage().hasNextPage()).isFalse();
        assertThatThrownBy(() -> first.nextPage().nextPage().nextPage()).isInstanceOf(NoSuchElementException.class);
        assertThat(first.toString()).isEqualTo("Page[items=3, total=7, hasNextPage=true]");
    }

    private static Page<Integer> pageFrom(int start, int total, int size, AtomicInteger fetches) {
        List<Integer> items = java.util.stream.IntStream.range(start, Math.min(total, start + size))
                .boxed()
                .toList();
        int next = start + size;
        return Page.of(
                items,
                total,
                next >= total
                        ? null
                        : () -> {
                            fetches.incrementAndGet();
                            return pageFrom(next, total, size, fetches);
                        });
    }
}
