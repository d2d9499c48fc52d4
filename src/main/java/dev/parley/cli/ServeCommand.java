package dev.parley.cli;

import dev.parley.Homeserver;
import dev.parley.config.ConfigGenerator;
import dev.parley.config.ParleyConfig;
import dev.parley.core.id.ServerName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley serve}: runs the homeserver until SIGTERM or SIGINT. Without {@code --config}
 * it uses the development configuration {@code ./data/parley.yaml}, generating it on first run
 * (server name localhost, SQLite in ./data, open registration, loopback only).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the homeserver.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", description = "The configuration file (default: ./data/parley.yaml, generated if missing).")
    Path config;

    @Option(names = "--server-name", defaultValue = "localhost",
            description = "Server name for a newly generated development configuration (default: ${DEFAULT-VALUE}).")
    String serverName;

    @Override
    public Integer call() throws Exception {
        Path file = config != null ? config : developmentConfig();
        if (file == null) {
            return 2;
        }
        ParleyConfig parsed;
        try {
            parsed = ConfigFiles.load(file);
        } catch (ConfigFiles.CommandFailed e) {
            return e.exitCode;
        }
        Logging.configure(parsed.logging());
        Homeserver server;
        try {
            server = Homeserver.start(parsed);
        } catch (Exception e) {
            log.error("Parley could not start: {}", e.getMessage());
            log.debug("start-up failure", e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down: finishing in-flight requests");
            server.close();
            Logging.flush();
        }, "shutdown"));
        return 0;
    }

    private Path developmentConfig() throws java.io.IOException {
        Path dataDir = Path.of("data").toAbsolutePath();
        Path file = dataDir.resolve("parley.yaml");
        if (!Files.exists(file)) {
            if (!ServerName.isValid(serverName)) {
                System.err.println("--server-name: '" + serverName + "' is not a valid server name");
                return null;
            }
            GenerateConfigCommand.write(file, new ConfigGenerator.Options(serverName, dataDir, 8008, 9008, true));
            System.out.println("Generated a development configuration at " + file);
        }
        return file;
    }
}
