/**
 * catalogkit's core: {@link io.catalogkit.core.Secret}, the exception tree and the client builder
 * settings. The request pipeline in {@code io.catalogkit.core.internal} is for catalogkit's own
 * platform module only.
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

    // Secret's @JsonValue method is not public
    opens io.catalogkit.core to
            com.fasterxml.jackson.databind;
}
