package dev.parley.cli;

import dev.parley.config.ConfigGenerator;
import dev.parley.core.id.ServerName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley generate-config}: writes a documented configuration file. */
@Command(name = "generate-config", mixinStandardHelpOptions = true,
        description = "Write a new configuration file, every key documented with its default.")
public final class GenerateConfigCommand implements Callable<Integer> {
    @Option(names = "--server-name", required = true, description = "The server name (the part after ':' in user IDs).")
    String serverName;

    @Option(names = "--data-dir", required = true, description = "Directory for the database, signing key and media.")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8008", description = "Client and federation port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--ops-port", defaultValue = "9008", description = "Metrics and health port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int opsPort;

    @Option(names = "--enable-registration", description = "Let anyone register an account through the client API.")
    boolean enableRegistration;

    @Option(names = "--output", description = "Where to write the file (default: <data-dir>/parley.yaml). Existing files are not overwritten.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (!ServerName.isValid(serverName)) {
            System.err.println("--server-name: '" + serverName + "' is not a valid server name");
            return 2;
        }
        if (port < 0 || port > 65535 || opsPort < 0 || opsPort > 65535) {
            System.err.println("--port and --ops-port must be from 0 to 65535");
            return 2;
        }
        Path target = output != null ? output : dataDir.resolve("parley.yaml");
        if (Files.exists(target)) {
            System.err.println(target + " already exists; not overwriting it");
            return 1;
        }
        write(target, new ConfigGenerator.Options(serverName, dataDir, port, opsPort, enableRegistration));
        System.out.println("Wrote " + target.toAbsolutePath());
        return 0;
    }

    static void write(Path target, ConfigGenerator.Options options) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.createDirectories(options.dataDir());
        Path tmp = Files.createTempFile(parent, ".parley", ".yaml");
        Files.writeString(tmp, ConfigGenerator.generate(options));
        // The file holds the registration secret: owner-only where the filesystem allows.
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX filesystem; the directory's permissions apply.
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
