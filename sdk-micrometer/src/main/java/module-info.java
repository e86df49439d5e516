/**
 * catalogkit's call metrics, observations and token-expiry gauges through Micrometer: {@link
 * io.catalogkit.micrometer.CatalogKitMetrics} and {@link
 * io.catalogkit.micrometer.CatalogKitObservations} are {@link io.catalogkit.core.CallListener}s to
 * bind on any client builder; {@link io.catalogkit.micrometer.TokenExpiryGauges} reads an inventory
 * report of {@code sdk-tokens}, an optional dependency here.
 */
// Micrometer's jars are automatic modules (micrometer.core, micrometer.observation), whose types
// CatalogKitMetrics.of and CatalogKitObservations.of take.
@SuppressWarnings("requires-transitive-automatic")
module io.catalogkit.micrometer {
    requires transitive io.catalogkit.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires static transitive io.catalogkit.tokens;

    exports io.catalogkit.micrometer;
}
