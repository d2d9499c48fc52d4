package dev.parley.core.auth;

import dev.parley.core.event.Pdu;
import dev.parley.core.room.RoomVersion;

import java.util.Optional;

/**
 * What one run of the authorization rules reads: the event, the room state it is checked
 * against, and what the rules derive from that state (the create event, creators, power levels).
 */
record AuthContext(
        RoomVersion version,
        RuleNumbers numbers,
        Pdu event,
        AuthState state,
        Pdu create,
        PowerLevels powerLevels,
        SignatureCheck signatures) {

    Optional<Pdu> stateEvent(StateKey key) {
        return state.get(key);
    }

    /** The current membership of {@code userId} in the state. */
    Membership membership(String userId) {
        return Membership.of(state.get(StateKey.member(userId)).orElse(null));
    }

    Membership senderMembership() {
        return membership(event.sender().value());
    }

    /** The current power level of {@code userId}. */
    long level(String userId) {
        return powerLevels.userLevel(userId);
    }

    long senderLevel() {
        return powerLevels.userLevel(event.sender().value());
    }

    JoinRule joinRule() {
        return JoinRule.of(state.get(StateKey.JOIN_RULES_KEY).orElse(null));
    }

    Creators creators() {
        return powerLevels.creators();
    }
}
