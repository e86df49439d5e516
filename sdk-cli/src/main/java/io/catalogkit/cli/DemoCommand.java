package io.catalogkit.cli;

import picocli.CommandLine.Command;

/** {@code catalogkit demo}: the fakes in-process, an inventory and a rotation; no configuration. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start fake Atlan, Alation and DataHub catalogs in this process, seed a few tokens, print their"
                    + " inventory and rotate one token. Needs no catalog and no configuration; prints no secret."
        })
final class DemoCommand extends Base {
    @Override
    public Integer call() {
        return DemoOps.run(session("demo"));
    }
}
