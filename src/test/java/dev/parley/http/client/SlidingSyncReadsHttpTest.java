package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Simplified sliding sync reads a window's rooms together: the database reads of a connection's
 * first response do not grow with the number of rooms in its window (issue 6). Counted with the
 * operations port's {@code parley_database_reads_total}, on SQLite and PostgreSQL.
 */
class SlidingSyncReadsHttpTest extends DialectServerTest {
    private static final String PATH = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";
    private static final int ROOMS = 20;

    SlidingSyncReadsHttpTest() {
        super(2); // alice and bob
    }

    /** The benchmark's first window: the newest event, name, avatar and lazily loaded members. */
    private static String window(int size) {
        return "{\"lists\":{\"all\":{\"ranges\":[[0," + (size - 1) + "]],\"timeline_limit\":1,\"required_state\":"
                + "[[\"m.room.name\",\"\"],[\"m.room.avatar\",\"\"],[\"m.room.member\",\"$LAZY\"]]}},"
                + "\"extensions\":{\"receipts\":{\"enabled\":true},\"account_data\":{\"enabled\":true},"
                + "\"typing\":{\"enabled\":true}}}";
    }

    @Test
    void aFirstWindowsReadsDoNotGrowWithItsRooms() {
        for (int i = 0; i < ROOMS; i++) {
            // Named and unnamed rooms (these get heroes), each with a message from bob (a lazy member).
            String room = createRoom(alice, i % 2 == 0 ? "{\"preset\":\"public_chat\"}"
                    : "{\"preset\":\"public_chat\",\"name\":\"room " + i + "\"}");
            calls.join(bob, room);
            calls.text(bob, room, "hello " + i);
        }
        // The first window ever read: nothing about its rooms is cached yet (state groups, unread
        // counts, forgotten marks); then one where 15 of the 20 rooms are read for the first time.
        long coldFive = firstWindow(5);
        long partlyColdTwenty = firstWindow(ROOMS);
        assertThat(partlyColdTwenty).as("reads for 20 rooms vs %d for 5", coldFive).isLessThanOrEqualTo(coldFive);
        // With every room's cached answers in place (the fewer of two tries: a background read
        // of the server between the counter's reads would count too).
        long five = Math.min(firstWindow(5), firstWindow(5));
        long twenty = Math.min(firstWindow(ROOMS), firstWindow(ROOMS));
        assertThat(twenty).as("reads for 20 rooms vs %d for 5", five).isEqualTo(five);
    }

    /** A new connection's first response for a window of {@code size} rooms: the database reads it took. */
    private long firstWindow(int size) {
        long before = reads();
        Reply reply = Http.call("POST", server.baseUrl() + PATH, alice.accessToken(), window(size));
        long after = reads();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode rooms = reply.json().path("rooms");
        assertThat(rooms.size()).isEqualTo(size);
        rooms.forEach(room -> {
            assertThat(room.path("timeline").size()).isEqualTo(1);
            assertThat(room.path("required_state").findValuesAsText("state_key")).contains(bob.userId());
            assertThat(room.has("name") || room.path("heroes").size() == 1).as(room.toString()).isTrue();
        });
        return after - before;
    }

    private long reads() {
        Reply r = Http.get(server.opsUrl() + "/metrics");
        Matcher m = Pattern.compile("(?m)^parley_database_reads_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(r.body());
        assertThat(m.find()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
