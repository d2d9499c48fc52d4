package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The room creators named by the {@code m.room.create} event. Up to v10 the creator is
 * {@code content.creator}; from v11 it is the event's {@code sender}; v12 adds the
 * {@code additional_creators} and gives them all infinite power ("privileged" creators).
 *
 * @param userIds    the creators' user IDs (empty if the room has no create event)
 * @param privileged v12+: creators have infinite power and may not appear in power levels
 */
public record Creators(Set<String> userIds, boolean privileged) {

    public static final Creators NONE = new Creators(Set.of(), false);

    public Creators {
        userIds = Set.copyOf(userIds);
    }

    public static Creators of(Pdu create, RoomVersion version) {
        if (create == null) {
            return NONE;
        }
        Set<String> ids = new LinkedHashSet<>();
        if (version.implicitRoomCreator()) {
            ids.add(create.sender().value());
        } else {
            JsonNode creator = create.contentField("creator");
            if (creator != null && creator.isTextual()) {
                ids.add(creator.textValue());
            }
        }
        if (version.privilegedCreators()) {
            JsonNode additional = create.contentField("additional_creators");
            if (additional != null && additional.isArray()) {
                for (JsonNode user : additional) {
                    if (user.isTextual() && UserId.isValid(user.textValue())) {
                        ids.add(user.textValue());
                    }
                }
            }
        }
        return new Creators(ids, version.privilegedCreators());
    }

    public boolean contains(String userId) {
        return userIds.contains(userId);
    }
}
