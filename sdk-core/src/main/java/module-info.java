/**
 * catalogkit's shared core: {@code Secret}, the exception tree and the client builder settings.
 * {@code io.catalogkit.core.internal} (the HTTP transport) is exported only to catalogkit's own
 * platform module.
 */
module io.catalogkit.core {
    requires transitive okhttp3;
    requires transitive com.fasterxml.jackson.annotation;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires okio;
    requires org.slf4j;

    exports io.catalogkit.core;
    exports io.catalogkit.core.internal to
            io.catalogkit.tokens;
}
