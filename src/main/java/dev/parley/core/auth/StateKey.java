package dev.parley.core.auth;

import dev.parley.core.event.Pdu;
import dev.parley.core.id.UserId;

/**
 * The key of an entry in room state: the 2-tuple {@code (event_type, state_key)} of the state
 * resolution definitions ("Unconflicted state map and conflicted state set").
 */
public record StateKey(String type, String stateKey) {
    public static final String CREATE = "m.room.create";
    public static final String MEMBER = "m.room.member";
    public static final String POWER_LEVELS = "m.room.power_levels";
    public static final String JOIN_RULES = "m.room.join_rules";
    public static final String THIRD_PARTY_INVITE = "m.room.third_party_invite";

    public static final StateKey CREATE_KEY = new StateKey(CREATE, "");
    public static final StateKey POWER_LEVELS_KEY = new StateKey(POWER_LEVELS, "");
    public static final StateKey JOIN_RULES_KEY = new StateKey(JOIN_RULES, "");

    public StateKey {
        if (type == null || stateKey == null) {
            throw new IllegalArgumentException("A state key needs an event type and a state_key");
        }
    }

    /** The key of {@code event}, which must be a state event. */
    public static StateKey of(Pdu event) {
        if (!event.isState()) {
            throw new IllegalArgumentException("Not a state event: " + event.eventId());
        }
        return new StateKey(event.type(), event.stateKey());
    }

    public static StateKey member(UserId user) {
        return new StateKey(MEMBER, user.value());
    }

    public static StateKey member(String userId) {
        return new StateKey(MEMBER, userId);
    }

    public static StateKey thirdPartyInvite(String token) {
        return new StateKey(THIRD_PARTY_INVITE, token);
    }

    @Override
    public String toString() {
        return "(" + type + ", " + stateKey + ")";
    }
}
