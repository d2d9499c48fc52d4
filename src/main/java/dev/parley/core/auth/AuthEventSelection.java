package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-server "Auth events selection": which state a new event cites as {@code auth_events}.
 * For an {@code m.room.create} event nothing; otherwise the create event (not from v12), the
 * current power levels, the sender's membership and, for {@code m.room.member} events, the
 * target's membership, the join rules (join, invite, knock), the third-party invite named by
 * {@code content.third_party_invite.signed.token} (invite), and the membership of
 * {@code content.join_authorised_via_users_server} (join, in versions with restricted rooms).
 */
public final class AuthEventSelection {

    private AuthEventSelection() {
    }

    /** The state keys an event with these properties selects, in the order above, without duplicates. */
    public static List<StateKey> keys(RoomVersion version, String type, UserId sender, String stateKey,
                                      ObjectNode content) {
        List<StateKey> keys = new ArrayList<>(6);
        if (StateKey.CREATE.equals(type) && "".equals(stateKey)) {
            return keys;
        }
        if (!version.roomIdFromCreateEvent()) {
            keys.add(StateKey.CREATE_KEY);
        }
        keys.add(StateKey.POWER_LEVELS_KEY);
        addOnce(keys, StateKey.member(sender));
        if (StateKey.MEMBER.equals(type) && stateKey != null) {
            addOnce(keys, StateKey.member(stateKey));
            Membership membership = Membership.parse(content.get("membership"));
            if (membership == Membership.JOIN || membership == Membership.INVITE || membership == Membership.KNOCK) {
                keys.add(StateKey.JOIN_RULES_KEY);
            }
            if (membership == Membership.INVITE) {
                thirdPartyInviteToken(content).ifPresent(token -> keys.add(StateKey.thirdPartyInvite(token)));
            }
            if (membership == Membership.JOIN && version.restrictedJoinsAllowed()) {
                JsonNode authoriser = content.get("join_authorised_via_users_server");
                if (authoriser != null && authoriser.isTextual()) {
                    addOnce(keys, StateKey.member(authoriser.textValue()));
                }
            }
        }
        return keys;
    }

    /** The state keys {@code event} should cite. */
    public static List<StateKey> keys(Pdu event) {
        return keys(event.roomVersion(), event.type(), event.sender(), event.stateKey(), event.content());
    }

    /** The {@code auth_events} for a new event: the IDs of the selected events present in {@code state}. */
    public static List<EventId> select(RoomVersion version, String type, UserId sender, String stateKey,
                                       ObjectNode content, AuthState state) {
        List<EventId> ids = new ArrayList<>(6);
        for (StateKey key : keys(version, type, sender, stateKey, content)) {
            state.get(key).ifPresent(event -> ids.add(event.eventId()));
        }
        return ids;
    }

    /** {@code content.third_party_invite.signed.token}, if it is a string. */
    static Optional<String> thirdPartyInviteToken(ObjectNode content) {
        JsonNode token = content.path("third_party_invite").path("signed").path("token");
        return token.isTextual() ? Optional.of(token.textValue()) : Optional.empty();
    }

    private static void addOnce(List<StateKey> keys, StateKey key) {
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }
}
