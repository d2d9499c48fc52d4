package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Typing notifications: each room's sender toggles its typing state with
 * {@code PUT /rooms/{roomId}/typing/{userId}} (on, off, on, ...); delivered as {@code m.typing} in
 * {@code rooms.join.*.ephemeral} (Client-Server API, "Typing Notifications").
 *
 * <p>An {@code m.typing} event carries no content of ours, only the user IDs typing now, so a
 * delivery is matched to the latest change of that room whose resulting state (sender typing or
 * not) it shows. Changes a syncer never saw because a later one overtook them before its next
 * sync count as missed; the same change shown twice counts as a duplicate. A room's changes are
 * at least rooms/rate seconds apart, far longer than a delivery takes at these rates, so the
 * latest matching change is the one delivered.
 */
final class Typing implements FanOutChannel {
    /** Long enough that no "on" expires within a case. */
    private static final int TYPING_TIMEOUT_MS = 300_000;

    /** One change of a room's typing state, in send order. */
    private record Change(String sender, boolean typing, ObjectNode stamp) {
    }

    private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "m.typing";
    }

    @Override
    public String liveFilter() {
        // No timeline, state or presence: the long-poll answers for ephemeral events only.
        return "{\"room\":{\"timeline\":{\"limit\":1,\"types\":[]},\"state\":{\"types\":[]}},\"presence\":{\"types\":[]}}";
    }

    @Override
    public void send(Matrix matrix, Matrix.User sender, String roomId, List<Matrix.User> recipients, String txnId,
                     ObjectNode stamp) throws IOException, InterruptedException {
        List<Change> log = changes.computeIfAbsent(roomId, r -> new ArrayList<>());
        boolean typing;
        synchronized (log) {
            typing = log.size() % 2 == 0; // the first change starts typing
            log.add(new Change(sender.userId(), typing, stamp));
        }
        matrix.typing(sender, roomId, typing, TYPING_TIMEOUT_MS);
    }

    @Override
    public void collect(JsonNode sync, Consumer<JsonNode> found) {
        sync.path("rooms").path("join").properties().forEach(room -> {
            List<Change> log = changes.get(room.getKey());
            if (log == null) {
                return;
            }
            for (JsonNode event : room.getValue().path("ephemeral").path("events")) {
                if (!"m.typing".equals(event.path("type").asText())) {
                    continue;
                }
                List<String> typing = new ArrayList<>();
                event.path("content").path("user_ids").forEach(id -> typing.add(id.asText()));
                synchronized (log) {
                    for (int i = log.size() - 1; i >= 0; i--) {
                        Change change = log.get(i);
                        if (typing.contains(change.sender()) == change.typing()) {
                            found.accept(change.stamp());
                            break;
                        }
                    }
                }
            }
        });
    }
}
