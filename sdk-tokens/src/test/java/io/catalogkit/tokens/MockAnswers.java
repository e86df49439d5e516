package io.catalogkit.tokens;

import mockwebserver3.MockResponse;

/** The MockWebServer answers the platform wire tests share. */
public final class MockAnswers {
    private MockAnswers() {}

    /**
     * A JSON answer.
     *
     * @param status the HTTP status
     * @param body the JSON text
     * @return the response
     */
    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
