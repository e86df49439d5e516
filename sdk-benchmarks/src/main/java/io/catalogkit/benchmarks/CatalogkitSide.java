package io.catalogkit.benchmarks;

import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The operations through catalogkit's public API, every client sharing one OkHttp client (and so
 * one connection pool), with catalogkit's default settings otherwise.
 */
final class CatalogkitSide implements Side {
    private final Target target;
    private final AtlanClient atlan;
    private final AlationClient alation;
    private final DataHubClient dataHub;
    private final OkHttpClient withAuth;
    private final HttpUrl tables;

    CatalogkitSide(Target target, OkHttpClient http) {
        this.target = target;
        this.atlan = AtlanClient.builder()
                .baseUrl(target.atlanUrl())
                .apiKey(target.atlanKey())
                .httpClient(http)
                .build();
        this.alation = AlationClient.builder()
                .baseUrl(target.alationUrl())
                .refreshToken(target.refreshToken(), target.alationUserId())
                .httpClient(http)
                .build();
        this.dataHub = DataHubClient.builder()
                .baseUrl(target.dataHubUrl())
                .token(target.dataHubToken())
                .httpClient(http)
                .build();
        this.withAuth =
                http.newBuilder().addInterceptor(alation.authInterceptor()).build();
        this.tables = HandWrittenSide.tablesUrl(target.alationUrl());
    }

    @Override
    public Object atlanGetByGuid() {
        return atlan.apiTokens().getByGuid(target.atlanGuid()).orElseThrow();
    }

    @Override
    public Object atlanList() {
        return atlan.apiTokens().list(0, Canned.PAGE_SIZE);
    }

    @Override
    public Object alationValidate() {
        return alation.refreshTokens().validate(target.refreshToken(), target.alationUserId());
    }

    @Override
    public Object dataHubList() {
        return dataHub.accessTokens().list(0, Canned.PAGE_SIZE, target.dataHubOwner());
    }

    @Override
    public Object alationDataCall() {
        Request request = new Request.Builder().url(tables).build();
        try (Response response = withAuth.newCall(request).execute()) {
            return HandWrittenSide.bodySize(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        atlan.close();
        alation.close();
        dataHub.close();
    }
}
