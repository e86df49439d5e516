/**
 * The runnable tour of catalogkit: the three platforms against the embedded fakes, or against real
 * ones when their environment variables are set. It uses only catalogkit's public packages.
 */
module io.catalogkit.examples {
    requires io.catalogkit.tokens;
    requires io.catalogkit.testing;
}
