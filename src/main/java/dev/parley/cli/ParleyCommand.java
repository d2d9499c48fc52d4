package dev.parley.cli;

import picocli.CommandLine.Command;

/** {@code parley}: the top-level command; tools script these subcommands, so keep them stable. */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Parley, a Matrix homeserver.",
        subcommands = {ServeCommand.class, GenerateConfigCommand.class, RegisterUserCommand.class})
public final class ParleyCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Whether the command started a server that runs on after {@code main} returns. */
    public static boolean keepsRunning(String[] args) {
        return args.length > 0 && "serve".equals(args[0])
                && java.util.Arrays.stream(args).noneMatch(a -> a.equals("--help") || a.equals("-h"));
    }
}
