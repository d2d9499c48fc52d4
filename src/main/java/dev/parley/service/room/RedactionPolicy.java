package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.AuthState;
import dev.parley.core.auth.Creators;
import dev.parley.core.auth.PowerLevels;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.Optional;

/**
 * Local redactions, checked before they are built (Client-Server API, "Redactions"; room
 * versions' "Handling redactions"). From room version 3 the authorization rules only check the
 * power to send {@code m.room.redaction}; whether the redaction is honoured is the server's call:
 * "Any user with a power level greater than or equal to the {@code m.room.redaction} event power
 * level may send redactions for their own events in the room. If the user's power level is also
 * greater than or equal to the {@code redact} power level of the room, the user may redact events
 * sent by other users." Checking this at send time means every redaction Parley persists is one
 * to honour, so the store applies them as it stores them.
 */
final class RedactionPolicy {
    static final String REDACTION = "m.room.redaction";

    private RedactionPolicy() {
    }

    /**
     * The draft with its target in {@link Draft#redacts()}: taken from {@code content.redacts}
     * when sent through {@code /send} (v1.18: "In rooms with a version older than 11 they MUST move
     * the {@code redacts} property inside the {@code content} to the top level").
     *
     * @throws MatrixException {@code M_BAD_JSON} without a valid target, {@code M_NOT_FOUND} for an
     *     unknown target the sender could only redact if it were their own, {@code M_FORBIDDEN}
     *     for another user's event without the redact level
     */
    static Draft check(RoomStore store, RoomId roomId, RoomVersion version, UserId sender, Draft draft, AuthState state) {
        EventId target = draft.redacts().orElseGet(() -> {
            JsonNode redacts = draft.content().get("redacts");
            if (redacts == null || !redacts.isTextual() || !EventId.isValid(redacts.textValue())) {
                throw MatrixException.badJson("An m.room.redaction needs the event ID it redacts in 'redacts'");
            }
            return EventId.parse(redacts.textValue());
        });
        ObjectNode content = draft.content().deepCopy();
        if (!version.redactsInContent()) {
            content.remove("redacts");
        }
        Optional<StoredEvent> original = store.event(target);
        if (original.isPresent() && !original.get().pdu().roomId().equals(roomId)) {
            throw MatrixException.notFound("Event not found in this room");
        }
        PowerLevels levels = PowerLevels.of(state.get(StateKey.POWER_LEVELS_KEY).orElse(null),
                Creators.of(state.get(StateKey.CREATE_KEY).orElse(null), version), version);
        if (levels.userLevel(sender) < levels.redact()) {
            if (original.isEmpty()) {
                throw MatrixException.notFound("Event not found");
            }
            if (!original.get().pdu().sender().equals(sender)) {
                throw MatrixException.forbidden("You may only redact your own events");
            }
        }
        return new Draft(REDACTION, draft.stateKey(), content, Optional.of(target));
    }
}
