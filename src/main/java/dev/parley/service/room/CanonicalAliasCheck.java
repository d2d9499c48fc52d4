package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.auth.AuthState;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.store.RoomAliasStore;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code m.room.canonical_alias} sent by a local user (Client-Server API, {@code PUT
 * /rooms/{roomId}/state/{eventType}/{stateKey}}, 400 responses): aliases with invalid syntax are
 * {@code M_INVALID_PARAM}; aliases that do not point to the room are {@code M_BAD_ALIAS}. As in
 * Synapse, only aliases the event adds are checked, so an alias deleted since it was listed does
 * not block every later change. Aliases of other servers cannot be resolved without federation
 * and so cannot be added yet.
 */
public final class CanonicalAliasCheck implements LocalEventCheck {
    static final String TYPE = "m.room.canonical_alias";
    private static final StateKey KEY = new StateKey(TYPE, "");

    private final RoomAliasStore aliases;

    public CanonicalAliasCheck(RoomAliasStore aliases) {
        this.aliases = aliases;
    }

    @Override
    public void check(Pdu event, AuthState stateBefore) {
        if (!event.isState(TYPE, "")) {
            return;
        }
        Optional<Pdu> previous = stateBefore.get(KEY);
        JsonNode alias = event.content().get("alias");
        if (alias != null && !alias.isNull()) {
            if (!alias.isTextual()) {
                throw MatrixException.invalidParam("alias must be a string");
            }
            String before = previous.map(p -> p.content().path("alias").asText(null)).orElse(null);
            if (!alias.textValue().isEmpty() && !alias.textValue().equals(before)) {
                requirePointsTo(alias.textValue(), event.roomId());
            }
        }
        JsonNode alternatives = event.content().get("alt_aliases");
        if (alternatives != null && !alternatives.isNull()) {
            if (!alternatives.isArray()) {
                throw MatrixException.invalidParam("alt_aliases must be a list");
            }
            Set<String> listedBefore = new HashSet<>();
            previous.ifPresent(p -> p.content().path("alt_aliases").forEach(a -> listedBefore.add(a.asText())));
            for (JsonNode alternative : alternatives) {
                if (!alternative.isTextual()) {
                    throw MatrixException.invalidParam("alt_aliases must hold strings");
                }
                if (!listedBefore.contains(alternative.textValue())) {
                    requirePointsTo(alternative.textValue(), event.roomId());
                }
            }
        }
    }

    private void requirePointsTo(String alias, RoomId roomId) {
        if (!RoomAlias.isValid(alias)) {
            throw MatrixException.invalidParam("Invalid room alias: " + alias);
        }
        if (!aliases.resolve(RoomAlias.parse(alias)).map(roomId::equals).orElse(false)) {
            throw new MatrixException(ErrCode.BAD_ALIAS, "The alias " + alias + " does not point to this room");
        }
    }
}
