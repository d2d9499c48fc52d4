package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the fan-out workload sends and where it finds it again in {@code /sync}: room messages,
 * to-device messages ({@link ToDeviceMessages}) or typing notifications ({@link Typing}).
 */
interface FanOutChannel {
    String name();

    /** Whether the senders and recipients need shared rooms (to-device messages do not). */
    default boolean usesRooms() {
        return true;
    }

    /** Inline filter for the live long-polls. */
    String liveFilter();

    /**
     * Sends one item carrying {@code stamp} (run, sequence number, send time) into the room, or
     * to {@code recipients} (the room's syncing members) for channels without rooms.
     */
    void send(Matrix matrix, Matrix.User sender, String roomId, List<Matrix.User> recipients, String txnId,
              ObjectNode stamp) throws IOException, InterruptedException;

    /** Hands every stamp found in one sync response to {@code found}. */
    void collect(JsonNode sync, Consumer<JsonNode> found);

    /** Room messages: {@code PUT /send/m.room.message}, delivered in {@code rooms.join.*.timeline}. */
    final class RoomMessages implements FanOutChannel {
        static final String STAMP = "dev.parley.bench";

        @Override
        public String name() {
            return "m.room.message";
        }

        @Override
        public String liveFilter() {
            // Sync's largest timeline: a burst beyond it would come back "limited", counted as missed.
            return "{\"room\":{\"timeline\":{\"limit\":100}}}";
        }

        @Override
        public void send(Matrix matrix, Matrix.User sender, String roomId, List<Matrix.User> recipients, String txnId,
                         ObjectNode stamp) throws IOException, InterruptedException {
            ObjectNode content = Matrix.JSON.createObjectNode().put("msgtype", "m.text")
                    .put("body", "fan-out " + stamp.path("seq").asLong());
            content.set(STAMP, stamp);
            matrix.send(sender, roomId, "m.room.message", txnId, content);
        }

        @Override
        public void collect(JsonNode sync, Consumer<JsonNode> found) {
            for (JsonNode room : sync.path("rooms").path("join")) {
                for (JsonNode event : room.path("timeline").path("events")) {
                    JsonNode stamp = event.path("content").path(STAMP);
                    if (stamp.isObject()) {
                        found.accept(stamp);
                    }
                }
            }
        }
    }
}
