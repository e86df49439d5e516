package io.catalogkit.examples;

import io.catalogkit.core.NotFoundException;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.atlan.ApiTokenService;
import java.time.Instant;
import java.util.List;

/**
 * A piece of "your code" for the README's testing section: it purges the Atlan API tokens that
 * have expired. Its tests show the two ways to test such code, with Mockito and with a fake.
 */
public final class TokenJanitor {
    private final ApiTokenService tokens;

    /**
     * A janitor working through this service.
     *
     * @param tokens the Atlan API token service
     */
    public TokenJanitor(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * Purges every token that has expired at {@code now}.
     *
     * @param now the time to judge expiry by
     * @return how many tokens it purged
     */
    public int purgeExpired(Instant now) {
        List<ApiToken> expired = tokens.list(0, 100)
                .autoPager()
                .filter(t -> t.getExpiresAt().map(now::isAfter).orElse(false))
                .toList();
        int purged = 0;
        for (ApiToken t : expired) {
            try {
                tokens.purge(t.getGuid());
                purged++;
            } catch (NotFoundException alreadyGone) {
                // someone else purged it first: nothing left to do
            }
        }
        return purged;
    }
}
