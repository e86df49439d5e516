package io.catalogkit.benchmarks;

import java.util.function.Function;

/** The measured operations, by name, for the harness and the tests (JMH names them as methods). */
public enum Op {
    /** Atlan {@code getByGuid}. */
    ATLAN_GET_BY_GUID("atlanGetByGuid", Side::atlanGetByGuid),
    /** Atlan {@code list}, one page. */
    ATLAN_LIST("atlanList", Side::atlanList),
    /** Alation {@code refreshTokens().validate}. */
    ALATION_VALIDATE("alationValidate", Side::alationValidate),
    /** DataHub {@code accessTokens().list}, one page. */
    DATAHUB_LIST("dataHubList", Side::dataHubList),
    /** An Alation data call through {@code authInterceptor()} or with a fixed {@code TOKEN}. */
    ALATION_AUTH_CALL("alationAuthCall", Side::alationDataCall);

    private final String label;
    private final Function<Side, Object> call;

    Op(String label, Function<Side, Object> call) {
        this.label = label;
        this.call = call;
    }

    /**
     * The name JMH's benchmark method has.
     *
     * @return e.g. {@code atlanGetByGuid}
     */
    public String label() {
        return label;
    }

    /**
     * Runs the operation once.
     *
     * @param side the side to run it on
     * @return what it read
     */
    public Object run(Side side) {
        return call.apply(side);
    }
}
