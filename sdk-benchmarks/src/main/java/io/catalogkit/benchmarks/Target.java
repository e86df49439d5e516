package io.catalogkit.benchmarks;

import io.catalogkit.core.Secret;
import java.util.Objects;

/**
 * Where the measured calls go and with what credentials: the canned responder (every platform on
 * one port) or the stateful fakes (one port each).
 *
 * @param atlanUrl Atlan's base URL
 * @param atlanKey the Atlan API key
 * @param atlanGuid the GUID {@code getByGuid} looks up
 * @param alationUrl Alation's base URL
 * @param refreshToken the Alation refresh token
 * @param alationUserId the id of the user who owns it
 * @param alationAccessToken an API access token, for the hand-written call with a fixed {@code TOKEN}
 * @param dataHubUrl DataHub's base URL
 * @param dataHubToken the DataHub personal access token (a JWT)
 * @param dataHubOwner the owner urn whose tokens are listed
 */
public record Target(
        String atlanUrl,
        Secret atlanKey,
        String atlanGuid,
        String alationUrl,
        Secret refreshToken,
        long alationUserId,
        Secret alationAccessToken,
        String dataHubUrl,
        Secret dataHubToken,
        String dataHubOwner) {
    /** Checks that nothing is missing. */
    public Target {
        Objects.requireNonNull(atlanUrl, "atlanUrl");
        Objects.requireNonNull(atlanKey, "atlanKey");
        Objects.requireNonNull(atlanGuid, "atlanGuid");
        Objects.requireNonNull(alationUrl, "alationUrl");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(alationAccessToken, "alationAccessToken");
        Objects.requireNonNull(dataHubUrl, "dataHubUrl");
        Objects.requireNonNull(dataHubToken, "dataHubToken");
        Objects.requireNonNull(dataHubOwner, "dataHubOwner");
    }
}
