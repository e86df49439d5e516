package io.catalogkit.tokens.alation.internal;

import io.catalogkit.tokens.alation.AccessTokenService;
import java.util.Objects;

/** Mints API access tokens from the client's refresh token (P1), reading its current value. */
final class RefreshMinter implements TokenMinter {
    private final AccessTokenService service;
    private final RefreshCredential credential;

    RefreshMinter(AccessTokenService service, RefreshCredential credential) {
        this.service = Objects.requireNonNull(service, "service");
        this.credential = Objects.requireNonNull(credential, "credential");
    }

    @Override
    public Minted mint() {
        RefreshCredential.Value used = credential.current();
        return new Minted(service.create(used.secret(), credential.userId()), used.generation());
    }

    @Override
    public long generation() {
        return credential.current().generation();
    }

    @Override
    public String subject() {
        return "an API access token for user " + credential.userId();
    }
}
