package dev.parley.cli;

import dev.parley.config.ConfigException;
import dev.parley.config.ConfigLoader;
import dev.parley.config.ParleyConfig;
import java.nio.file.Path;

/** Loads a configuration for a command, printing every problem in it before giving up. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static ParleyConfig load(Path file) {
        try {
            return ConfigLoader.load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("Invalid configuration in " + file + ":");
            e.problems().forEach(p -> System.err.println("  " + p));
            throw new CommandFailed(2);
        }
    }

    /** Ends a command with an exit code after it has told the user what went wrong. */
    static final class CommandFailed extends RuntimeException {
        final int exitCode;

        CommandFailed(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }
}
