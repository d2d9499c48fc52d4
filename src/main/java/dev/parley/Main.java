package dev.parley;

import dev.parley.cli.ParleyCommand;
import picocli.CommandLine;

/** Entry point of {@code parley.jar}: the command line (see {@link ParleyCommand}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new ParleyCommand()).execute(args);
        if (exit != 0 || !ParleyCommand.keepsRunning(args)) {
            System.exit(exit);
        }
    }
}
