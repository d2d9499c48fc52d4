package dev.parley.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.Homeserver;
import dev.parley.config.ParleyConfig;
import dev.parley.store.jdbc.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A real Parley on random loopback ports, from a generated configuration with test-friendly
 * changes applied, on SQLite or a throw-away PostgreSQL database.
 */
public final class TestServer implements AutoCloseable {
    private Homeserver server;
    private final String databaseUrl;
    public final ParleyConfig config;
    public final Path dataDir;

    private TestServer(Homeserver server, ParleyConfig config, Path dataDir, String databaseUrl) {
        this.server = server;
        this.config = config;
        this.dataDir = dataDir;
        this.databaseUrl = databaseUrl;
    }

    public static TestServer start() {
        return start(Dialect.SQLITE, yaml -> { });
    }

    /** @param tweak edits the generated YAML tree before it is loaded */
    public static TestServer start(Dialect dialect, Consumer<ObjectNode> tweak) {
        try {
            Path dataDir = Files.createTempDirectory("parley-test");
            String databaseUrl = TestDatabases.newDatabaseUrl(dialect);
            ParleyConfig config = TestConfigs.generated(dataDir, databaseUrl, tweak);
            return new TestServer(Homeserver.start(config), config, dataDir, databaseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    /** Stops the server and starts it again on the same configuration and database. */
    public void restart() {
        server.close();
        try {
            server = Homeserver.start(config);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not restart", e);
        }
    }

    public Homeserver homeserver() {
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port(0);
    }

    public String opsUrl() {
        return "http://127.0.0.1:" + server.opsPort().orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        TestDatabases.drop(databaseUrl);
    }
}
