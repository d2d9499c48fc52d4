package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.TestUsers.User;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the HTTP tests that run every test once per database dialect: before each test a real
 * Parley starts on random loopback ports over a fresh SQLite file or a throw-away PostgreSQL
 * database ({@link TestServer}), and after it the server stops and the database is dropped.
 *
 * <p>It exists because two dozen test classes each carried the same parameterisation, start/stop
 * methods and URL and {@code /sync} helpers. Subclasses change the configuration by overriding
 * {@link #configure}, register their users in their own {@code @BeforeEach} (which JUnit runs
 * after this one) and make common calls through {@link #calls}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
public abstract class DialectServerTest {
    @Parameter
    protected Dialect dialect;

    protected TestServer server;
    protected RoomCalls calls;

    /** Edits the generated YAML configuration before the server starts; nothing by default. */
    protected void configure(ObjectNode yaml) {
    }

    /**
     * False for a class whose tests each need their own configuration: each of its tests then
     * calls {@link #startServer(Consumer)} itself.
     */
    protected boolean startsBeforeEachTest() {
        return true;
    }

    @BeforeEach
    final void startServerBeforeEachTest() {
        if (startsBeforeEachTest()) {
            startServer(yaml -> { });
        }
    }

    /** Starts the server with {@link #configure} and then {@code tweak} applied to its configuration. */
    protected final void startServer(Consumer<ObjectNode> tweak) {
        server = TestServer.start(dialect, yaml -> {
            configure(yaml);
            tweak.accept(yaml);
        });
        calls = new RoomCalls(server);
    }

    @AfterEach
    final void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A user registered with password {@code pw}. */
    protected User register(String localpart) {
        return calls.register(localpart);
    }

    /** The URL of a client-API v3 endpoint, {@code path} starting with a slash. */
    protected String url(String path) {
        return calls.v3(path);
    }

    /** Percent-encodes an ID for a path segment or query value. */
    protected static String enc(String segment) {
        return RoomCalls.enc(segment);
    }

    /** {@link RoomCalls#createRoom}: the new room's ID. */
    protected String createRoom(User user, String body) {
        return calls.createRoom(user, body);
    }

    /** {@link RoomCalls#sync}. */
    protected JsonNode sync(User user, String since, String extra) {
        return calls.sync(user, since, extra);
    }
}
