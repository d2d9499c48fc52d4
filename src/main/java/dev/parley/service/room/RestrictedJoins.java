package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.auth.JoinRule;
import dev.parley.core.auth.PowerLevels;
import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;
import dev.parley.store.RoomMemberStore;
import dev.parley.store.RoomRow;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Joins without an invite under the {@code restricted} (v8+) and {@code knock_restricted} (v10+)
 * join rules (Client-Server API, "Restricted rooms"; Server-Server API, "Restricted rooms"). The
 * joiner must be joined to one of the rooms the {@code allow} conditions list; the join event
 * then names, in {@code join_authorised_via_users_server}, a local joined member who may invite,
 * and this server's signature on the event vouches for it (auth rule "join", restricted case).
 *
 * <p>Errors as the resident server answers them: none of the listed rooms known here —
 * 400 {@code M_UNABLE_TO_AUTHORISE_JOIN}; no condition met — 403 {@code M_FORBIDDEN}; met, but
 * no local member may invite — 400 {@code M_UNABLE_TO_GRANT_JOIN}.
 */
final class RestrictedJoins {
    private static final String MEMBERSHIP_CONDITION = "m.room_membership";

    private final RoomPower power;
    private final RoomMemberStore members;
    private final ServerName serverName;

    RestrictedJoins(RoomPower power, RoomMemberStore members, ServerName serverName) {
        this.power = power;
        this.members = members;
        this.serverName = serverName;
    }

    /**
     * The user to name in {@code join_authorised_via_users_server}; empty when this join needs
     * none (the room is not restricted, or the joiner is invited, joined or banned — the
     * authorization rules decide those).
     */
    Optional<UserId> authoriser(RoomRow room, UserId joiner) {
        RoomId roomId = room.roomId();
        Optional<Pdu> joinRules = power.stateEvent(roomId, StateKey.JOIN_RULES_KEY).map(StoredEvent::pdu);
        if (joinRules.isEmpty() || !isRestricted(room.version(), JoinRule.of(joinRules.get()))) {
            return Optional.empty();
        }
        JsonNode allow = joinRules.get().content().path("allow");
        String membership = power.membership(roomId, joiner).orElse("leave");
        if (membership.equals("join") || membership.equals("invite") || membership.equals("ban")) {
            return Optional.empty();
        }
        boolean anyVerifiable = false;
        boolean satisfied = false;
        for (JsonNode condition : allow) {
            Optional<RoomId> other = membershipConditionRoom(condition);
            if (other.isEmpty() || !power.exists(other.get())) {
                continue;
            }
            anyVerifiable = true;
            if (power.isJoined(other.get(), joiner)) {
                satisfied = true;
                break;
            }
        }
        if (!satisfied && !anyVerifiable && hasMembershipConditions(allow)) {
            throw new MatrixException(ErrCode.UNABLE_TO_AUTHORISE_JOIN,
                    "None of the rooms that grant access to this room are known to this server");
        }
        if (!satisfied) {
            throw MatrixException.forbidden("You are not a member of any of the rooms that grant access to this room");
        }
        PowerLevels levels = power.levels(roomId);
        return members.joinedMembers(roomId).stream()
                .filter(u -> u.server().equals(serverName) && !u.equals(joiner))
                .filter(u -> levels.userLevel(u) >= levels.invite())
                .max(Comparator.comparingLong((UserId u) -> levels.userLevel(u)).thenComparing(UserId::value,
                        Comparator.reverseOrder()))
                .map(Optional::of)
                .orElseThrow(() -> new MatrixException(ErrCode.UNABLE_TO_GRANT_JOIN,
                        "No member of the room on this server may invite, so none can authorise the join"));
    }

    private static boolean isRestricted(RoomVersion version, JoinRule joinRule) {
        return (version.restrictedJoinsAllowed() && joinRule == JoinRule.RESTRICTED)
                || (version.knockRestrictedAllowed() && joinRule == JoinRule.KNOCK_RESTRICTED);
    }

    /** The rooms the {@code m.room_membership} conditions of an {@code allow} list name (the spec's {@code allowed_room_ids}). */
    static List<RoomId> allowedRooms(JsonNode allow) {
        List<RoomId> rooms = new ArrayList<>();
        for (JsonNode condition : allow) {
            membershipConditionRoom(condition).filter(r -> !rooms.contains(r)).ifPresent(rooms::add);
        }
        return rooms;
    }

    private static boolean hasMembershipConditions(JsonNode allow) {
        for (JsonNode condition : allow) {
            if (membershipConditionRoom(condition).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<RoomId> membershipConditionRoom(JsonNode condition) {
        if (!MEMBERSHIP_CONDITION.equals(condition.path("type").asText(null))) {
            return Optional.empty();
        }
        String roomId = condition.path("room_id").asText(null);
        return roomId != null && RoomId.isValid(roomId) ? Optional.of(RoomId.parse(roomId)) : Optional.empty();
    }
}
