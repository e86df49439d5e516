package io.catalogkit.tokens;

/** The catalog platforms catalogkit manages tokens on. */
public enum Platform {
    /** Atlan. */
    ATLAN,
    /** Alation. */
    ALATION,
    /** DataHub. */
    DATAHUB
}
