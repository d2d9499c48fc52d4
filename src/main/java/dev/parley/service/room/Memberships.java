package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.store.RoomMemberStore;
import dev.parley.store.RoomRow;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership changes (Client-Server API, "Room membership"): each is an {@code m.room.member}
 * event through the pipeline, so the authorization rules decide who may do what. Rooms on other
 * servers need federation, which is not available yet.
 */
public final class Memberships {
    private static final Logger log = LoggerFactory.getLogger(Memberships.class);
    private final EventPipeline pipeline;
    private final RoomStore rooms;
    private final MemberProfiles profiles;
    private final ServerName serverName;
    private final ForgottenRooms forgotten;
    private final RestrictedJoins restrictedJoins;
    private final RoomPower power;

    public Memberships(EventPipeline pipeline, RoomStore rooms, RoomMemberStore members, ForgottenRooms forgotten,
                       MemberProfiles profiles, ServerName serverName) {
        this.pipeline = pipeline;
        this.rooms = rooms;
        this.forgotten = forgotten;
        this.profiles = profiles;
        this.serverName = serverName;
        this.power = new RoomPower(rooms);
        this.restrictedJoins = new RestrictedJoins(power, members, serverName);
    }

    /**
     * Joins the user; in a restricted room without an invite, through a local member who may
     * invite (see {@link RestrictedJoins}).
     */
    public StoredEvent join(RoomId roomId, UserId user, Optional<String> reason) {
        RoomRow room = requireLocalRoom(roomId);
        ObjectNode content = withProfile(content("join", reason), user);
        restrictedJoins.authoriser(room, user)
                .ifPresent(authoriser -> content.put("join_authorised_via_users_server", authoriser.value()));
        return change(roomId, user, user, content);
    }

    /**
     * A guest's join: "Servers MUST only allow guest users to join rooms if the
     * {@code m.room.guest_access} state event is present on the room and has the
     * {@code guest_access} value {@code can_join}" (Client-Server API, "Guest access").
     */
    public StoredEvent joinAsGuest(RoomId roomId, UserId user, Optional<String> reason) {
        requireLocalRoom(roomId);
        boolean open = rooms.currentStateEvent(roomId, new StateKey("m.room.guest_access", "")).flatMap(rooms::event)
                .map(e -> "can_join".equals(e.pdu().content().path("guest_access").asText())).orElse(false);
        if (!open) {
            throw MatrixException.forbidden("Guests may not join this room");
        }
        return join(roomId, user, reason);
    }

    /**
     * {@code POST /knock/{roomIdOrAlias}} (Client-Server API, "Knocking on rooms"): the
     * authorization rules let users knock where the join rule is {@code knock} (v7+) or
     * {@code knock_restricted} (v10+) and they are not joined, invited or banned.
     */
    public StoredEvent knock(RoomId roomId, UserId user, Optional<String> reason) {
        requireLocalRoom(roomId);
        return change(roomId, user, user, withProfile(content("knock", reason), user));
    }

    /**
     * {@code POST /rooms/{roomId}/forget} (Client-Server API, "Leaving rooms"): only after leaving
     * (or being banned); 400 {@code M_UNKNOWN} while joined, invited or knocking, as the spec's
     * example shows. Forgetting a room one was never in changes nothing.
     */
    public void forget(RoomId roomId, UserId user) {
        Optional<StoredEvent> member = rooms.currentStateEvent(roomId, StateKey.member(user)).flatMap(rooms::event);
        if (member.isEmpty()) {
            return;
        }
        String membership = member.get().pdu().content().path("membership").asText("");
        if (!membership.equals("leave") && !membership.equals("ban")) {
            throw new MatrixException(ErrCode.UNKNOWN, "User " + user.value() + " is in room " + roomId.value()
                    + " (membership " + membership + "); leave it first");
        }
        forgotten.forget(user, roomId, member.get().pdu().eventId());
    }

    public StoredEvent invite(RoomId roomId, UserId sender, UserId target, Optional<String> reason, boolean isDirect) {
        requireLocalRoom(roomId);
        if (!target.server().equals(serverName)) {
            throw MatrixException.forbidden("Inviting users of other servers needs federation, which is not available yet");
        }
        ObjectNode content = withProfile(content("invite", reason), target);
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
        return power.membership(roomId, user);
    }

    /**
     * After the user's display name or avatar changed: a fresh {@code join} event with the new
     * values in every room they are joined to ("Events on Change of Profile Information": "an
     * m.room.member event (with a join membership) is sent to every room the user is a member
     * of"). A room whose member event already says the same is left alone. One room refusing
     * the event (its rules changed under the user) does not keep the others from being updated.
     */
    public void profileChanged(UserId user) {
        for (RoomId roomId : rooms.roomsWithMembership(user, "join")) {
            if (rooms.room(roomId).isEmpty()) {
                continue;
            }
            ObjectNode content = withProfile(content("join", Optional.empty()), user);
            Optional<ObjectNode> current = power.content(roomId, StateKey.MEMBER, user.value());
            if (current.isPresent() && same(current.get(), content, "displayname") && same(current.get(), content, "avatar_url")) {
                continue;
            }
            try {
                change(roomId, user, user, content);
            } catch (MatrixException e) {
                log.info("Profile change of {} not propagated to {}: {}", user, roomId, e.getMessage());
            }
        }
    }

    private static boolean same(ObjectNode a, ObjectNode b, String field) {
        return Objects.equals(a.get(field), b.get(field));
    }

    private StoredEvent change(RoomId roomId, UserId sender, UserId target, ObjectNode content) {
        return pipeline.send(roomId, sender, Draft.state(StateKey.MEMBER, target.value(), content), Optional.empty());
    }

    private RoomRow requireLocalRoom(RoomId roomId) {
        return rooms.room(roomId).orElseThrow(() ->
                MatrixException.notFound("Unknown room (rooms on other servers need federation, not available yet)"));
    }

    private ObjectNode withProfile(ObjectNode content, UserId user) {
        profiles.displayName(user).ifPresent(name -> content.put("displayname", name));
        profiles.avatarUrl(user).ifPresent(url -> content.put("avatar_url", url));
        return content;
    }

    private static ObjectNode content(String membership, Optional<String> reason) {
        ObjectNode content = Json.MAPPER.createObjectNode();
        content.put("membership", membership);
        reason.ifPresent(r -> content.put("reason", r));
        return content;
    }
}
