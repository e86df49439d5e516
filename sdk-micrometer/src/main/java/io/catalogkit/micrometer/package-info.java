/**
 * Micrometer bindings for catalogkit: {@link io.catalogkit.micrometer.CatalogKitMetrics} (meters),
 * {@link io.catalogkit.micrometer.CatalogKitObservations} (one observation, so one span, per
 * operation) and {@link io.catalogkit.micrometer.TokenExpiryGauges} (seconds until each token of an
 * inventory expires).
 */
package io.catalogkit.micrometer;
