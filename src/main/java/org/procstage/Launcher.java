package org.procstage;

import java.util.Set;
import javafx.application.Application;
import org.procstage.cli.Cli;
import org.procstage.ui.ProcStageApp;

/**
 * Entry point of procstage.jar. A separate class from the Application so plain `java -jar`
 * works without JavaFX on the module path. Subcommands run headless; no subcommand opens the app.
 */
public final class Launcher {
    private static final Set<String> COMMANDS = Set.of("list", "record", "snapshot", "bench", "help", "--help", "-h");

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(new Cli(System.out, System.err).run(args));
        }
        int scene = java.util.Arrays.asList(args).indexOf("--scene");
        if (scene >= 0) {
            if (scene + 1 >= args.length) {
                System.err.println("--scene needs a scenario id (see: java -jar procstage.jar list)");
                System.exit(2);
            }
            if (org.procstage.scenes.ScenarioCatalog.standard().find(args[scene + 1]).isEmpty()) {
                System.err.println("unknown scenario '" + args[scene + 1] + "' (see: java -jar procstage.jar list)");
                System.exit(2);
            }
        }
        Application.launch(ProcStageApp.class, args);
    }
}
