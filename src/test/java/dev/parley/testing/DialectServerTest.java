package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * methods, user registrations and URL and {@code /sync} helpers. Subclasses change the
 * configuration by overriding {@link #configure}, say through the constructor how many of
 * {@link #alice}, {@link #bob} and {@link #carol} they need, do further set-up in their own
 * {@code @BeforeEach} (which JUnit runs after this one) and make common calls through
 * {@link #calls}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
public abstract class DialectServerTest {
    @Parameter
    protected Dialect dialect;

    protected TestServer server;
    protected RoomCalls calls;
    /** Registered before each test (password {@code pw}) when the constructor asks for them. */
    protected User alice;
    protected User bob;
    protected User carol;

    private final int people;

    /** A server with no users registered up front. */
    protected DialectServerTest() {
        this(0);
    }

    /** @param people how many of alice, bob and carol, in that order, to register before each test */
    protected DialectServerTest(int people) {
        this.people = people;
    }

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

    /**
     * Starts the server with {@link #configure} and then {@code tweak} applied to its
     * configuration, and registers the users the constructor asked for.
     */
    protected final void startServer(Consumer<ObjectNode> tweak) {
        server = TestServer.start(dialect, yaml -> {
            configure(yaml);
            tweak.accept(yaml);
        });
        calls = new RoomCalls(server);
        alice = people >= 1 ? register("alice") : null;
        bob = people >= 2 ? register("bob") : null;
        carol = people >= 3 ? register("carol") : null;
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

    /** A server admin (password {@code pw}), registered directly: an access token for it. */
    protected String registerAdmin(String localpart) {
        UserId admin = server.homeserver().accounts().register(localpart, Optional.of("pw"), true);
        return server.homeserver().sessions().issue(admin, Optional.empty());
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

    /** Sends an {@code m.text} message with transaction ID {@code txn}, asserting a 200: the event ID. */
    protected String sendText(User user, String room, String txn, String body) {
        Http.Reply r = Http.call("PUT", url("/rooms/" + enc(room) + "/send/m.room.message/" + txn), user.accessToken(),
                "{\"msgtype\":\"m.text\",\"body\":\"" + body + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("event_id").asText();
    }

    /** The bodies of the {@code m.room.message} events in one joined room's timeline of a {@code /sync} response. */
    protected static List<String> timelineBodies(JsonNode sync, String room) {
        List<String> out = new ArrayList<>();
        sync.path("rooms").path("join").path(room).path("timeline").path("events").forEach(e -> {
            if (e.path("type").asText().equals("m.room.message")) {
                out.add(e.path("content").path("body").asText());
            }
        });
        return out;
    }

    /** {@link RoomCalls#sync}. */
    protected JsonNode sync(User user, String since, String extra) {
        return calls.sync(user, since, extra);
    }
}
