package io.catalogkit.core.internal;

/** catalogkit's version, as sent in {@code User-Agent}. */
public final class Version {
    /** The version of this build, read from the jar manifest, or {@code dev} when run from classes. */
    public static final String VERSION = version();

    /** The {@code User-Agent} header value. */
    public static final String USER_AGENT =
            "catalogkit-java/" + VERSION + " (Java " + System.getProperty("java.version") + ")";

    private Version() {}

    private static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
