package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.store.RoomStore;

/**
 * Client-Server API, "Threading", "Validation of {@code m.thread} relationships": "Servers
 * SHOULD reject client requests which attempt to start a thread off an event with an
 * {@code m.relates_to} property" — with 400 {@code M_UNKNOWN}, as the spec says, there being no
 * specific code.
 */
final class ThreadPolicy {
    private ThreadPolicy() {
    }

    static void check(RoomStore store, Draft draft) {
        JsonNode relatesTo = draft.content().path("m.relates_to");
        if (!Aggregations.THREAD.equals(relatesTo.path("rel_type").asText(null))) {
            return;
        }
        String root = relatesTo.path("event_id").asText("");
        if (!EventId.isValid(root)) {
            return;
        }
        store.event(EventId.parse(root)).ifPresent(target -> {
            if (target.pdu().content().has("m.relates_to")) {
                throw new MatrixException(ErrCode.UNKNOWN, "Cannot start a thread from an event with a relation");
            }
        });
    }
}
