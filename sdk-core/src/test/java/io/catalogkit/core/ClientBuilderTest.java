package io.catalogkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientBuilderTest {
    static final class TestBuilder extends ClientBuilder<TestBuilder> {
        @Override
        protected TestBuilder self() {
            return this;
        }

        ClientOptions build() {
            return options("Test", "TEST_BASE_URL");
        }
    }

    @Test
    void refusesPlainHttpToARemoteHost() {
        assertThatThrownBy(() ->
                        new TestBuilder().baseUrl("http://catalog.example.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain http://")
                .hasMessageContaining("catalog.example.com")
                .hasMessageContaining("allowInsecureHttp(true)");
    }

    @Test
    void allowsPlainHttpToARemoteHostWhenAskedTo() {
        ClientOptions o = new TestBuilder()
                .baseUrl("http://catalog.example.com:8080")
                .allowInsecureHttp(true)
                .build();
        assertThat(o.baseUrl().port()).isEqualTo(8080);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:9", "http://127.1.2.3", "http://[::1]:8080"})
    void allowsPlainHttpToLoopback(String url) {
        assertThat(new TestBuilder().baseUrl(url).build().baseUrl().isHttps()).isFalse();
    }

    @Test
    void acceptsHttpsAndKeepsDefaults() {
        ClientOptions o = new TestBuilder().baseUrl("https://tenant.atlan.com/").build();
        assertThat(o.maxRetries()).isEqualTo(2);
        assertThat(o.callTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(o.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.httpClient()).isEmpty();
        assertThat(o.sleeper()).isNotNull();
        assertThat(o.clock()).isNotNull();
    }

    @Test
    void namesMissingOrBadSettings() {
        assertThatThrownBy(() -> new TestBuilder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl is required")
                .hasMessageContaining("TEST_BASE_URL");
        assertThatThrownBy(() -> new TestBuilder().baseUrl("tenant.atlan.com").build())
                .hasMessageContaining("not an absolute http(s) URL");
        assertThatThrownBy(() -> new TestBuilder().baseUrl("https://x.com/?a=b").build())
                .hasMessageContaining("query or fragment");
        assertThatThrownBy(() -> new TestBuilder().maxRetries(-1)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new TestBuilder().callTimeout(Duration.ZERO)).hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> new TestBuilder().connectTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new TestBuilder().readTimeout(Duration.ZERO)).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> new TestBuilder().writeTimeout(Duration.ZERO)).hasMessageContaining("writeTimeout");
        assertThatThrownBy(() -> new TestBuilder().retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("retryBackoff");
        assertThatThrownBy(() -> new TestBuilder().maxRetryAfter(Duration.ofSeconds(-1)))
                .hasMessageContaining("maxRetryAfter");
    }

    @Test
    void refusesTimeoutsBelowOneMillisecondNamingTheSetting() {
        for (Duration d : new Duration[] {Duration.ofNanos(999_999), Duration.ofNanos(500_000), Duration.ofNanos(1)}) {
            assertThatThrownBy(() -> new TestBuilder().connectTimeout(d))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("connectTimeout")
                    .hasMessageContaining("at least 1 ms");
            assertThatThrownBy(() -> new TestBuilder().readTimeout(d))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("readTimeout");
            assertThatThrownBy(() -> new TestBuilder().writeTimeout(d))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("writeTimeout");
            assertThatThrownBy(() -> new TestBuilder().callTimeout(d))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("callTimeout");
        }
        ClientOptions shortest = new TestBuilder()
                .baseUrl("https://h.example.com")
                .connectTimeout(Duration.ofMillis(1))
                .readTimeout(Duration.ofMillis(1))
                .build();
        assertThat(shortest.connectTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(shortest.readTimeout()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void nullBaseUrlNamesTheSettingAndWhatToDo() {
        assertThatThrownBy(() -> new TestBuilder().baseUrl(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl must not be null")
                .hasMessageContaining("baseUrl(\"https://");
    }

    @Test
    void loopbackCheckNeverResolvesNames() {
        assertThat(ClientBuilder.isLoopback("localhost")).isTrue();
        assertThat(ClientBuilder.isLoopback("127.0.0.1")).isTrue();
        assertThat(ClientBuilder.isLoopback("10.0.0.1")).isFalse();
        assertThat(ClientBuilder.isLoopback("localhost.example.com")).isFalse();
    }

    @Test
    void refusesDurationsLongerThanOkHttpTakesNamingTheSetting() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
        Duration days = Duration.ofDays(100);
        for (Duration d : new Duration[] {huge, days}) {
            assertThatThrownBy(() -> new TestBuilder().connectTimeout(d)).hasMessageContaining("connectTimeout");
            assertThatThrownBy(() -> new TestBuilder().readTimeout(d)).hasMessageContaining("readTimeout");
            assertThatThrownBy(() -> new TestBuilder().writeTimeout(d)).hasMessageContaining("writeTimeout");
            assertThatThrownBy(() -> new TestBuilder().callTimeout(d)).hasMessageContaining("callTimeout");
            assertThatThrownBy(() -> new TestBuilder().maxRetryAfter(d)).hasMessageContaining("maxRetryAfter");
            assertThatThrownBy(() -> new TestBuilder().retryBackoff(Duration.ZERO, d))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("retryBackoff");
        }
        ClientOptions longest = new TestBuilder()
                .baseUrl("https://h.example.com")
                .callTimeout(ClientBuilder.MAX_DURATION)
                .retryBackoff(ClientBuilder.MAX_DURATION, ClientBuilder.MAX_DURATION)
                .maxRetries(Integer.MAX_VALUE)
                .build();
        assertThat(longest.callTimeout()).isEqualTo(ClientBuilder.MAX_DURATION);
        assertThat(longest.callTimeoutSet()).isTrue();
        assertThat(new TestBuilder().baseUrl("https://h.example.com").build().callTimeoutSet())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://admin:hunter2-secret@catalog.example.com",
                "https://hunter2-secret@catalog.example.com/api",
                "https://catalog.example.com/?token=hunter2-secret",
                "https://catalog.example.com/?access_token=hunter2-secret",
                "https://catalog.example.com/?api_key=hunter2-secret&x=1",
                "https://catalog.example.com/?password=hunter2-secret",
                "https://catalog.example.com/#secret=hunter2-secret",
                "catalog.example.com?token=hunter2-secret",
                "ht!tp://u:hunter2-secret@x"
            })
    void refusesCredentialsInTheBaseUrlWithoutEchoingThem(String url) {
        assertThatThrownBy(() -> new TestBuilder().baseUrl(url).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Test baseUrl")
                .hasMessageNotContaining("hunter2");
    }
}
