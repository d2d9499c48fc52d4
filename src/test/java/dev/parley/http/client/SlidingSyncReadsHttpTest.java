package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Simplified sliding sync reads a window's rooms together: the database reads of a response, a
 * connection's first or a later one, do not grow with the number of rooms in its window (issue 6).
 * Counted with the operations port's {@code parley_database_reads_total}, on SQLite and PostgreSQL.
 */
class SlidingSyncReadsHttpTest extends DialectServerTest {
    private static final String PATH = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";
    private static final int ROOMS = 20;

    SlidingSyncReadsHttpTest() {
        super(2); // alice and bob
    }

    /** The benchmark's first window: the newest event, name, avatar and lazily loaded members. */
    private static String window(int size, String connId) {
        return "{\"conn_id\":\"" + connId + "\",\"lists\":{\"all\":{\"ranges\":[[0," + (size - 1) + "]],"
                + "\"timeline_limit\":1,\"required_state\":"
                + "[[\"m.room.name\",\"\"],[\"m.room.avatar\",\"\"],[\"m.room.member\",\"$LAZY\"]]}},"
                + "\"extensions\":{\"receipts\":{\"enabled\":true},\"account_data\":{\"enabled\":true},"
                + "\"typing\":{\"enabled\":true}}}";
    }

    /** Named and unnamed rooms (these get heroes), each with a message from bob (a lazy member). */
    private List<String> rooms() {
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            String room = createRoom(alice, i % 2 == 0 ? "{\"preset\":\"public_chat\"}"
                    : "{\"preset\":\"public_chat\",\"name\":\"room " + i + "\"}");
            calls.join(bob, room);
            calls.text(bob, room, "hello " + i);
            rooms.add(room);
        }
        return rooms;
    }

    @Test
    void aFirstWindowsReadsDoNotGrowWithItsRooms() {
        rooms();
        // The first window ever read: nothing about its rooms is cached yet (state groups, unread
        // counts, forgotten marks); then one where 15 of the 20 rooms are read for the first time.
        long coldFive = slide(5, "a", null).reads();
        long partlyColdTwenty = slide(ROOMS, "a", null).reads();
        assertThat(partlyColdTwenty).as("reads for 20 rooms vs %d for 5", coldFive).isLessThanOrEqualTo(coldFive);
        // With every room's cached answers in place (the fewer of two tries: a background read
        // of the server between the counter's reads would count too).
        long five = Math.min(slide(5, "a", null).reads(), slide(5, "a", null).reads());
        long twenty = Math.min(slide(ROOMS, "a", null).reads(), slide(ROOMS, "a", null).reads());
        assertThat(twenty).as("reads for 20 rooms vs %d for 5", five).isEqualTo(five);
    }

    @Test
    void anIncrementalResponsesReadsDoNotGrowWithItsRooms() {
        List<String> rooms = rooms();
        String fivePos = slide(5, "five", null).response().path("pos").asText();
        String twentyPos = slide(ROOMS, "twenty", null).response().path("pos").asText();
        for (String room : rooms) {
            calls.text(bob, room, "again"); // in the order of before: each window keeps its rooms
        }
        Slid five = slide(5, "five", fivePos);
        Slid twenty = slide(ROOMS, "twenty", twentyPos);
        for (Slid slid : List.of(five, twenty)) {
            slid.response().path("rooms").forEach(room -> {
                assertThat(room.has("initial")).isFalse();
                assertThat(room.path("timeline").findValuesAsText("body")).containsExactly("again");
                assertThat(room.path("num_live").asInt()).isEqualTo(1);
            });
        }
        assertThat(twenty.reads()).as("reads for 20 rooms vs %d for 5", five.reads()).isEqualTo(five.reads());
    }

    /** A sliding sync response and the database reads it took. */
    private record Slid(JsonNode response, long reads) {
    }

    /** A request for a window of {@code size} rooms on connection {@code connId} (a new one without {@code pos}). */
    private Slid slide(int size, String connId, String pos) {
        String url = server.baseUrl() + PATH + (pos == null ? "" : "?pos=" + enc(pos));
        long before = reads();
        Reply reply = Http.call("POST", url, alice.accessToken(), window(size, connId));
        long after = reads();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode rooms = reply.json().path("rooms");
        assertThat(rooms.size()).isEqualTo(size);
        rooms.forEach(room -> {
            assertThat(room.path("timeline").size()).isEqualTo(1);
            if (pos == null) {
                assertThat(room.path("required_state").findValuesAsText("state_key")).contains(bob.userId());
                assertThat(room.has("name") || room.path("heroes").size() == 1).as(room.toString()).isTrue();
            }
        });
        return new Slid(reply.json(), after - before);
    }

    private long reads() {
        Reply r = Http.get(server.opsUrl() + "/metrics");
        Matcher m = Pattern.compile("(?m)^parley_database_reads_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(r.body());
        assertThat(m.find()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
