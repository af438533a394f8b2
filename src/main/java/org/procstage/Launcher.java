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
        Application.launch(ProcStageApp.class, args);
    }
}
