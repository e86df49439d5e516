package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class OriginsTest {
    @Test
    void originsDifferByScheme() {
        assertThat(Origins.sameOrigin(HttpUrl.get("https://a.example.com/x"), HttpUrl.get("https://A.example.com/y")))
                .isTrue();
        assertThat(Origins.sameOrigin(HttpUrl.get("https://a.example.com"), HttpUrl.get("http://a.example.com:443")))
                .isFalse();
        assertThat(Origins.sameOrigin(HttpUrl.get("https://a.example.com"), HttpUrl.get("https://a.example.com:8443")))
                .isFalse();
    }
}
