// catalogkit in JShell: the SDK and the fakes are on the class path. This startup script imports
// their packages and, for each platform whose environment variables are set, makes a ready client:
//   atlan    ATLAN_BASE_URL, ATLAN_API_KEY
//   alation  ALATION_BASE_URL, ALATION_REFRESH_TOKEN, ALATION_USER_ID
//   datahub  DATAHUB_GMS_URL, DATAHUB_GMS_TOKEN
// inventory() lists every token those clients can see; try inventory().collect().toTable()
import io.catalogkit.core.*;
import io.catalogkit.tokens.*;
import io.catalogkit.tokens.atlan.*;
import io.catalogkit.tokens.alation.*;
import io.catalogkit.tokens.datahub.*;
import io.catalogkit.tokens.inventory.*;
import io.catalogkit.testing.*;
import java.time.*;

boolean isSet(String... names) {
    return Arrays.stream(names).allMatch(n -> System.getenv(n) != null && !System.getenv(n).isBlank());
}

AtlanClient atlan = isSet("ATLAN_BASE_URL", "ATLAN_API_KEY") ? AtlanClient.fromEnv() : null;
AlationClient alation =
        isSet("ALATION_BASE_URL", "ALATION_REFRESH_TOKEN", "ALATION_USER_ID") ? AlationClient.fromEnv() : null;
DataHubClient datahub = isSet("DATAHUB_GMS_URL", "DATAHUB_GMS_TOKEN") ? DataHubClient.fromEnv() : null;

TokenInventory inventory() {
    TokenInventory.Builder b = TokenInventory.builder();
    if (atlan != null) b.atlan(atlan);
    if (alation != null) b.alation(alation);
    if (datahub != null) b.datahub(datahub);
    return b.build();
}

System.out.println("catalogkit ready: atlan " + (atlan != null ? "client" : "not set") + ", alation "
        + (alation != null ? "client" : "not set") + ", datahub " + (datahub != null ? "client" : "not set")
        + "; fakes: new FakeAtlan().start() and friends");
