package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.datahub.internal.DataHubWire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No token value in logs (slf4j-simple at TRACE for io.catalogkit, to System.err), messages or toString. */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class DataHubNoSecretLeakTest {
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String JDOE = "urn:li:corpuser:jdoe";

    final List<String> texts = new ArrayList<>();

    void record(Supplier<Object> call) {
        try {
            Object result = call.get();
            texts.add(String.valueOf(result));
            if (result instanceof Page<?> page) {
                page.getItems().forEach(i -> texts.add(String.valueOf(i)));
            }
        } catch (RuntimeException e) {
            texts.add(e.toString());
            texts.add(String.valueOf(e.getMessage()));
        }
    }

    @Test
    void noTokenValueIsLoggedOrShownAnywhere() {
        FakeClock clock = new FakeClock(Instant.parse("2024-11-23T00:00:00Z"));
        List<Secret> secrets = new ArrayList<>();
        TestSupport.Captured<Object> captured = TestSupport.captureStdErr(() -> {
            try (FakeDataHub hub = new FakeDataHub(clock).start()) {
                hub.addAdmin(ADMIN).addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
                Secret adminToken = hub.addAccessToken(ADMIN).secret();
                Secret jdoeToken = hub.addAccessToken(JDOE).secret();
                Secret expiring = hub.addAccessToken(
                                JDOE,
                                JDOE,
                                "short",
                                null,
                                clock.instant(),
                                clock.instant().plusSeconds(60))
                        .secret();
                secrets.add(adminToken);
                secrets.add(jdoeToken);
                secrets.add(expiring);
                try (DataHubClient admin = client(hub, adminToken, clock);
                        DataHubClient jdoe = client(hub, jdoeToken, clock);
                        DataHubClient shortLived = client(hub, expiring, clock)) {
                    DataHubTokenService a = admin.accessTokens();
                    DataHubTokenService j = jdoe.accessTokens();
                    AccessToken made = j.create(JDOE, AccessTokenDuration.ONE_DAY, "ci", "nightly");
                    secrets.add(made.getSecret().orElseThrow());
                    texts.add(made.toString());
                    texts.add(String.valueOf(made.getSecret().orElseThrow()));
                    record(() -> j.list(0, 1, JDOE));
                    record(() -> j.list(0, 20, null)); // 403
                    record(() -> a.getMetadata(made.getSecret().orElseThrow()));
                    record(() -> j.getMetadata(made.getSecret().orElseThrow())); // 403
                    record(() -> j.revoke(made.getSecret().orElseThrow().reveal())); // refused: a JWT
                    record(() -> j.revoke(made.getId().orElseThrow()));
                    record(() -> a.getMetadata(made.getSecret().orElseThrow())); // 404 now
                    record(() -> a.revoke(made.getId().orElseThrow())); // false
                    clock.advance(Duration.ofMinutes(2));
                    record(() -> shortLived.accessTokens().list(0, 20, JDOE)); // 401, expired
                    record(() -> client(hub, made.getSecret().orElseThrow(), clock)
                            .accessTokens()
                            .list(0, 20, JDOE)); // 401, revoked
                    texts.add(new DataHubWire.TokenVariables(
                                    made.getSecret().orElseThrow().reveal())
                            .toString());
                    texts.add(
                            new DataHubWire.GraphQlRequest("q", new DataHubWire.TokenVariables("x"), "op").toString());
                }
            }
            return null;
        });

        String log = captured.log();
        // the capture works: Transport's DEBUG lines are there
        assertThat(log).contains("DataHub create access token").contains("DataHub get access token metadata");
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("expired at"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("Secret[redacted]"));
        for (Secret s : secrets) {
            String value = s.reveal();
            String signature = value.substring(value.lastIndexOf('.') + 1);
            String claims = value.split("\\.")[1];
            assertThat(log).doesNotContain(value).doesNotContain(signature).doesNotContain(claims);
            for (String text : texts) {
                assertThat(text).doesNotContain(value).doesNotContain(signature).doesNotContain(claims);
            }
        }
    }

    static DataHubClient client(FakeDataHub hub, Secret token, FakeClock clock) {
        return DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(token)
                .clock(clock)
                .sleeper(d -> {})
                .build();
    }
}
