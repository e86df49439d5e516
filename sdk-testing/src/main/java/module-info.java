/**
 * Stateful in-memory fakes of Atlan, Alation and DataHub on real loopback ports, for tests of code
 * that uses catalogkit. Only {@code io.catalogkit.testing} is exported. JUnit is optional: only
 * {@link io.catalogkit.testing.FakeExtension} needs it.
 */
// graphql-java has no module descriptor, and FakeDataHub.SchemaBuild hands out its schema types;
// FakeServer.clientCertificates() hands out okhttp3.tls.HandshakeCertificates.
@SuppressWarnings("requires-transitive-automatic")
module io.catalogkit.testing {
    requires transitive io.catalogkit.core;
    requires transitive okhttp3;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive com.graphqljava;
    requires transitive okhttp3.tls;
    requires mockwebserver3;
    requires static org.junit.jupiter.api;

    exports io.catalogkit.testing;
}
