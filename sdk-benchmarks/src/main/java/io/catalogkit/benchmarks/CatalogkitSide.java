package io.catalogkit.benchmarks;

import io.catalogkit.core.CallListener;
import io.catalogkit.micrometer.CatalogKitMetrics;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The operations through catalogkit's public API, every client sharing one OkHttp client (and so
 * one connection pool), with catalogkit's default settings otherwise. With the system property
 * {@value #LISTENER} set to {@code metrics}, every client also records into a {@code
 * CatalogKitMetrics} on a {@code SimpleMeterRegistry}, to measure what the listener costs.
 */
final class CatalogkitSide implements Side {
    /** The system property that binds a listener: {@code metrics}, or unset for none. */
    static final String LISTENER = "catalogkit.bench.listener";

    private final Target target;
    private final AtlanClient atlan;
    private final AlationClient alation;
    private final DataHubClient dataHub;
    private final OkHttpClient withAuth;
    private final HttpUrl tables;

    CatalogkitSide(Target target, OkHttpClient http) {
        this(target, http, listener(System.getProperty(LISTENER, "")));
    }

    /**
     * A side whose clients all report to one listener.
     *
     * @param target where to send
     * @param http the OkHttp client the clients share
     * @param listener the listener, or null for none
     */
    CatalogkitSide(Target target, OkHttpClient http, CallListener listener) {
        this.target = target;
        AtlanClient.Builder atlanBuilder = AtlanClient.builder()
                .baseUrl(target.atlanUrl())
                .apiKey(target.atlanKey())
                .httpClient(http);
        AlationClient.Builder alationBuilder = AlationClient.builder()
                .baseUrl(target.alationUrl())
                .refreshToken(target.refreshToken(), target.alationUserId())
                .httpClient(http);
        DataHubClient.Builder dataHubBuilder = DataHubClient.builder()
                .baseUrl(target.dataHubUrl())
                .token(target.dataHubToken())
                .httpClient(http);
        if (listener != null) {
            atlanBuilder.listener(listener);
            alationBuilder.listener(listener);
            dataHubBuilder.listener(listener);
        }
        this.atlan = atlanBuilder.build();
        this.alation = alationBuilder.build();
        this.dataHub = dataHubBuilder.build();
        this.withAuth =
                http.newBuilder().addInterceptor(alation.authInterceptor()).build();
        this.tables = HandWrittenSide.tablesUrl(target.alationUrl());
    }

    /** The listener the property names, or null for none. */
    static CallListener listener(String name) {
        return switch (name) {
            case "" -> null;
            case "metrics" -> CatalogKitMetrics.of(new SimpleMeterRegistry());
            default -> throw new IllegalArgumentException("-D" + LISTENER + " must be metrics or unset, was " + name);
        };
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
