// catalogkit in JShell: the SDK and the fakes are on the class path. This startup script imports
// their packages and, for each platform whose environment variables are set, makes a ready client:
//   atlan    ATLAN_BASE_URL, ATLAN_API_KEY
//   alation  ALATION_BASE_URL, ALATION_REFRESH_TOKEN, ALATION_USER_ID
//   datahub  DATAHUB_GMS_URL, DATAHUB_GMS_TOKEN
// With none of them set, the session starts against the embedded fakes (the examples' sandbox,
// `sandbox`), and the three clients are clients of the fakes.
// inventory() lists every token those clients can see; try inventory().collect().toTable()
import io.catalogkit.core.*;
import io.catalogkit.tokens.*;
import io.catalogkit.tokens.atlan.*;
import io.catalogkit.tokens.alation.*;
import io.catalogkit.tokens.datahub.*;
import io.catalogkit.tokens.inventory.*;
import io.catalogkit.testing.*;
import io.catalogkit.examples.Sandbox;
import java.time.*;

boolean isSet(String... names) {
    return Arrays.stream(names).allMatch(n -> System.getenv(n) != null && !System.getenv(n).isBlank());
}

boolean anySet(String... names) {
    return Arrays.stream(names).anyMatch(n -> System.getenv(n) != null && !System.getenv(n).isBlank());
}

// the fakes only when nothing at all is configured: a half-set platform is a mistake to show, not hide
// (JShell ends a snippet at a line that could end it: the parentheses keep each one whole)
Sandbox sandbox = anySet("ATLAN_BASE_URL", "ATLAN_API_KEY", "ALATION_BASE_URL", "ALATION_REFRESH_TOKEN",
        "ALATION_USER_ID", "DATAHUB_GMS_URL", "DATAHUB_GMS_TOKEN") ? null : Sandbox.start();
AtlanClient atlan = (sandbox != null ? sandbox.atlan()
        : isSet("ATLAN_BASE_URL", "ATLAN_API_KEY") ? AtlanClient.fromEnv() : null);
AlationClient alation = (sandbox != null ? sandbox.alation()
        : isSet("ALATION_BASE_URL", "ALATION_REFRESH_TOKEN", "ALATION_USER_ID") ? AlationClient.fromEnv() : null);
DataHubClient datahub = (sandbox != null ? sandbox.datahub()
        : isSet("DATAHUB_GMS_URL", "DATAHUB_GMS_TOKEN") ? DataHubClient.fromEnv() : null);

TokenInventory inventory() {
    if (sandbox != null) return sandbox.inventory(); // on the fakes' clock
    TokenInventory.Builder b = TokenInventory.builder();
    if (atlan != null) b.atlan(atlan);
    if (alation != null) b.alation(alation);
    if (datahub != null) b.datahub(datahub);
    return b.build();
}

System.out.println(sandbox != null
        ? "catalogkit ready against the embedded fakes (no ATLAN_, ALATION_ or DATAHUB_ variable is set):"
                + " atlan, alation and datahub are clients of the fakes, sandbox holds the fakes; set a"
                + " platform's variables to use a real one"
        : "catalogkit ready: atlan " + (atlan != null ? "client" : "not set") + ", alation "
                + (alation != null ? "client" : "not set") + ", datahub " + (datahub != null ? "client" : "not set")
                + "; fakes: new FakeAtlan().start() and friends");
