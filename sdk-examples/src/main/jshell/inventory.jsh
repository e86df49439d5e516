// Lists every token the clients made by catalogkit.jsh can see, as a table, and exits:
// 0 when every platform was listed, 1 when one failed, 2 when platform variables are set but no
// platform has all of its own. With no platform variable set at all, the clients are those of the
// embedded fakes, so it lists the fakes' tokens.
// jshell --class-path sdk-examples/target/catalogkit-jshell.jar \
//     --startup DEFAULT --startup sdk-examples/src/main/jshell/catalogkit.jsh sdk-examples/src/main/jshell/inventory.jsh
int code = 1;
if (atlan == null && alation == null && datahub == null) {
    System.out.println("No platform fully configured: set ATLAN_BASE_URL and ATLAN_API_KEY, ALATION_BASE_URL,"
            + " ALATION_REFRESH_TOKEN and ALATION_USER_ID, or DATAHUB_GMS_URL and DATAHUB_GMS_TOKEN"
            + " (or unset them all to use the embedded fakes)");
    code = 2;
} else {
    InventoryReport report = inventory().collect();
    System.out.print(report.toTable());
    code = report.getGaps().stream().anyMatch(g -> g.contains(": listing failed")) ? 1 : 0;
}
/exit code
