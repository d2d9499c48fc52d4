package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.Optional;

/**
 * Membership changes (Client-Server API, "Room membership"): each is an {@code m.room.member}
 * event through the pipeline, so the authorization rules decide who may do what. Rooms on other
 * servers need federation, which is not available yet.
 */
public final class Memberships {
    private final EventPipeline pipeline;
    private final RoomStore rooms;
    private final MemberProfiles profiles;
    private final ServerName serverName;

    public Memberships(EventPipeline pipeline, RoomStore rooms, MemberProfiles profiles, ServerName serverName) {
        this.pipeline = pipeline;
        this.rooms = rooms;
        this.profiles = profiles;
        this.serverName = serverName;
    }

    public StoredEvent join(RoomId roomId, UserId user, Optional<String> reason) {
        requireLocalRoom(roomId);
        ObjectNode content = content("join", reason);
        profiles.displayName(user).ifPresent(name -> content.put("displayname", name));
        profiles.avatarUrl(user).ifPresent(url -> content.put("avatar_url", url));
        return change(roomId, user, user, content);
    }

    public StoredEvent invite(RoomId roomId, UserId sender, UserId target, Optional<String> reason, boolean isDirect) {
        requireLocalRoom(roomId);
        if (!target.server().equals(serverName)) {
            throw MatrixException.forbidden("Inviting users of other servers needs federation, which is not available yet");
        }
        ObjectNode content = content("invite", reason);
        profiles.displayName(target).ifPresent(name -> content.put("displayname", name));
        profiles.avatarUrl(target).ifPresent(url -> content.put("avatar_url", url));
        if (isDirect) {
            content.put("is_direct", true);
        }
        return change(roomId, sender, target, content);
    }

    public StoredEvent leave(RoomId roomId, UserId user, Optional<String> reason) {
        requireLocalRoom(roomId);
        return change(roomId, user, user, content("leave", reason));
    }

    public StoredEvent kick(RoomId roomId, UserId sender, UserId target, Optional<String> reason) {
        requireLocalRoom(roomId);
        String current = membership(roomId, target).orElse("leave");
        if (!current.equals("join") && !current.equals("invite") && !current.equals("knock")) {
            throw MatrixException.forbidden("The user is not in the room");
        }
        return change(roomId, sender, target, content("leave", reason));
    }

    public StoredEvent ban(RoomId roomId, UserId sender, UserId target, Optional<String> reason) {
        requireLocalRoom(roomId);
        return change(roomId, sender, target, content("ban", reason));
    }

    public StoredEvent unban(RoomId roomId, UserId sender, UserId target, Optional<String> reason) {
        requireLocalRoom(roomId);
        if (!membership(roomId, target).orElse("").equals("ban")) {
            throw MatrixException.forbidden("The user is not banned");
        }
        return change(roomId, sender, target, content("leave", reason));
    }

    /** The user's current membership in the room, if any. */
    public Optional<String> membership(RoomId roomId, UserId user) {
        return rooms.currentStateEvent(roomId, StateKey.member(user)).flatMap(rooms::event)
                .map(e -> e.pdu().content().path("membership").asText(null));
    }

    private StoredEvent change(RoomId roomId, UserId sender, UserId target, ObjectNode content) {
        return pipeline.send(roomId, sender, Draft.state(StateKey.MEMBER, target.value(), content), Optional.empty());
    }

    private void requireLocalRoom(RoomId roomId) {
        if (rooms.room(roomId).isEmpty()) {
            throw MatrixException.notFound("Unknown room (rooms on other servers need federation, not available yet)");
        }
    }

    private static ObjectNode content(String membership, Optional<String> reason) {
        ObjectNode content = Json.MAPPER.createObjectNode();
        content.put("membership", membership);
        reason.ifPresent(r -> content.put("reason", r));
        return content;
    }
}
