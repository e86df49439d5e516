package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.alation.AccessTokenService;
import java.time.Duration;
import java.util.Objects;

/** Mints API access tokens from the client's refresh token, reading it again when refused. */
final class RefreshMinter implements TokenMinter {
    private final AccessTokenService service;
    private final RefreshCredential credential;
    private final Duration budget;

    RefreshMinter(AccessTokenService service, RefreshCredential credential, Duration budget) {
        this.service = Objects.requireNonNull(service, "service");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public Minted mint() {
        long deadline = System.nanoTime() + budget.toNanos();
        RefreshCredential.Value used = credential.current();
        for (int round = 0; ; round++) {
            try {
                return new Minted(service.create(used.secret(), credential.userId()), used.generation());
            } catch (AuthenticationException refused) {
                Secret fresh = round < MAX_REREADS ? credential.refused(used.secret(), deadline) : null;
                if (fresh == null) {
                    throw round < MAX_REREADS && credential.held().rereadable()
                            ? TokenMinter.stale(refused, credential.held())
                            : refused;
                }
                used = credential.current();
            }
        }
    }

    @Override
    public long generation() {
        return credential.current().generation();
    }

    @Override
    public String subject() {
        return "an API access token for user " + credential.userId();
    }

    @Override
    public String kind() {
        return "access-token";
    }
}
