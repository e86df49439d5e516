/**
 * catalogkit's token models and the Atlan, Alation and DataHub clients. Each platform's {@code
 * .internal} package stays inside this module.
 */
module io.catalogkit.tokens {
    requires transitive io.catalogkit.core;
    requires org.slf4j;
    requires static lombok;

    exports io.catalogkit.tokens;
    exports io.catalogkit.tokens.atlan;
    exports io.catalogkit.tokens.alation;
    exports io.catalogkit.tokens.datahub;
    exports io.catalogkit.tokens.inventory;

    // Jackson writes the models and the request bodies, and reads nothing into private state
    opens io.catalogkit.tokens to
            com.fasterxml.jackson.databind;
    opens io.catalogkit.tokens.atlan.internal to
            com.fasterxml.jackson.databind;
    opens io.catalogkit.tokens.alation.internal to
            com.fasterxml.jackson.databind;
    opens io.catalogkit.tokens.datahub.internal to
            com.fasterxml.jackson.databind;
}
