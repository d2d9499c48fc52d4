package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.room.RoomVersion;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.parley.core.auth.RuleNumbers.rule;

/**
 * The authorization rules of one room version (room version pages, "Authorization rules";
 * server-server "Checks performed on receipt of a PDU", checks 4 to 6). Differences between
 * versions come from {@link RoomVersion} flags and {@link RuleNumbers}.
 *
 * <p>Keeps a small memo of parsed power levels, so an instance is meant for one thread at a
 * time (e.g. one state resolution); creating one is cheap.
 */
public final class EventAuthorizer {
    private static final int POWER_LEVELS_MEMO = 64;

    private final RoomVersion version;
    private final RuleNumbers numbers;
    private final SignatureCheck signatures;
    private final Map<PowerLevelsKey, PowerLevels> powerLevelsMemo = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PowerLevelsKey, PowerLevels> eldest) {
            return size() > POWER_LEVELS_MEMO;
        }
    };

    private record PowerLevelsKey(EventId powerLevels, EventId create) {
    }

    public EventAuthorizer(RoomVersion version, SignatureCheck signatures) {
        this.version = version;
        this.numbers = RuleNumbers.of(version);
        this.signatures = signatures;
    }

    public RoomVersion version() {
        return version;
    }

    /**
     * Check 4: "Passes authorization rules based on the event's auth events". Runs every rule,
     * including the checks of the {@code auth_events} themselves, with the auth events as the state.
     */
    public AuthDecision authorizeByAuthEvents(Pdu event, EventSource events) {
        if (isCreate(event)) {
            return CreateEventRules.check(event, version);
        }
        AuthDecision authEvents = AuthEventsRules.check(event, events, version, numbers);
        if (authEvents != null) {
            return authEvents;
        }
        return authorizeByState(event, AuthEventsState.of(event, events, false));
    }

    /**
     * Checks 5 and 6 (state before the event, current state), and the iterative auth checks of
     * state resolution: the rules that read room state, against {@code state}. The checks of the
     * event's own {@code auth_events} (rule 2, v12 rule 3) belong to {@link #authorizeByAuthEvents}.
     */
    public AuthDecision authorizeByState(Pdu event, AuthState state) {
        if (isCreate(event)) {
            return CreateEventRules.check(event, version);
        }
        Pdu create = state.get(StateKey.CREATE_KEY).orElse(null);
        if (version.roomIdFromCreateEvent()) {
            // v12 2: the room ID must name the room's create event.
            if (create == null || !event.roomId().createEventId().map(create.eventId()::equals).orElse(false)) {
                return AuthDecision.reject(rule(numbers.roomId()), "room ID does not name the room's create event");
            }
        } else if (create == null) {
            return AuthDecision.reject(rule(numbers.authEvents(), 4), "no m.room.create in the state");
        }
        Pdu powerLevelsEvent = state.get(StateKey.POWER_LEVELS_KEY).orElse(null);
        AuthContext ctx = new AuthContext(version, numbers, event, state, create,
                powerLevels(powerLevelsEvent, create), signatures);
        return StateRules.check(ctx);
    }

    /** The power levels of a room with this power levels event (null for none) and create event. */
    public PowerLevels powerLevels(Pdu powerLevelsEvent, Pdu create) {
        PowerLevelsKey key = new PowerLevelsKey(powerLevelsEvent == null ? null : powerLevelsEvent.eventId(),
                create == null ? null : create.eventId());
        PowerLevels cached = powerLevelsMemo.get(key);
        if (cached == null) {
            cached = PowerLevels.of(powerLevelsEvent, Creators.of(create, version), version);
            powerLevelsMemo.put(key, cached);
        }
        return cached;
    }

    private static boolean isCreate(Pdu event) {
        return event.isState(StateKey.CREATE, "");
    }

    /** The rules from "m.federate" on, in the spec's order. */
    private static final class StateRules {

        private StateRules() {
        }

        static AuthDecision check(AuthContext ctx) {
            RuleNumbers n = ctx.numbers();
            Pdu event = ctx.event();
            // 3 (v12 4) "If the content of the m.room.create event in the room state has the property
            // m.federate set to false, and the sender domain of the event does not match the sender
            // domain of the create event, reject."
            JsonNode federate = ctx.create().contentField("m.federate");
            if (federate != null && federate.isBoolean() && !federate.booleanValue()
                    && !event.sender().server().equals(ctx.create().sender().server())) {
                return AuthDecision.reject(rule(n.federate()), "the room does not federate");
            }
            if (ctx.version().specialCaseAliasesAuth() && "m.room.aliases".equals(event.type())) {
                return aliases(event, n.aliases());
            }
            if (StateKey.MEMBER.equals(event.type())) {
                return MembershipRules.check(ctx);
            }
            // "If the sender's current membership state is not join, reject."
            if (ctx.senderMembership() != Membership.JOIN) {
                return AuthDecision.reject(rule(n.senderJoined()), "sender is not joined");
            }
            long senderLevel = ctx.senderLevel();
            // "If type is m.room.third_party_invite: allow if and only if sender's current power
            // level is greater than or equal to the invite level."
            if (StateKey.THIRD_PARTY_INVITE.equals(event.type())) {
                return senderLevel >= ctx.powerLevels().invite()
                        ? AuthDecision.allow(rule(n.thirdPartyInvite(), 1))
                        : AuthDecision.reject(rule(n.thirdPartyInvite(), 1), "sender is below the invite level");
            }
            // "If the event type's required power level is greater than the sender's power level, reject."
            if (ctx.powerLevels().requiredLevel(event.type(), event.isState()) > senderLevel) {
                return AuthDecision.reject(rule(n.requiredPower()), "sender is below the level for " + event.type());
            }
            // "If the event has a state_key that starts with an @ and does not match the sender, reject."
            if (event.isState() && event.stateKey().startsWith("@") && !event.stateKey().equals(event.sender().value())) {
                return AuthDecision.reject(rule(n.userStateKey()), "state_key is another user's ID");
            }
            if (StateKey.POWER_LEVELS.equals(event.type()) && "".equals(event.stateKey())) {
                return PowerLevelsRules.check(ctx);
            }
            if (ctx.version().legacyRedactionAuth() && "m.room.redaction".equals(event.type())) {
                return redaction(ctx, n.redaction());
            }
            // "Otherwise, allow."
            return AuthDecision.allow(rule(n.otherwise()));
        }

        /** v1-v5 rule 4: "If type is m.room.aliases". */
        private static AuthDecision aliases(Pdu event, int n) {
            // 4.1 "If event has no state_key, reject."
            if (!event.isState()) {
                return AuthDecision.reject(rule(n, 1), "m.room.aliases without a state_key");
            }
            // 4.2 "If sender's domain doesn't match state_key, reject."
            if (!event.sender().server().value().equals(event.stateKey())) {
                return AuthDecision.reject(rule(n, 2), "m.room.aliases for another server");
            }
            // 4.3 "Otherwise, allow."
            return AuthDecision.allow(rule(n, 3));
        }

        /** v1-v2 rule 11: "If type is m.room.redaction". */
        private static AuthDecision redaction(AuthContext ctx, int n) {
            // 11.1 "If the sender's power level is greater than or equal to the redact level, allow."
            if (ctx.senderLevel() >= ctx.powerLevels().redact()) {
                return AuthDecision.allow(rule(n, 1));
            }
            // 11.2 "If the domain of the event_id of the event being redacted is the same as the
            // domain of the event_id of the m.room.redaction, allow."
            EventId redacts = ctx.event().redacts();
            if (redacts != null && redacts.domain().isPresent()
                    && redacts.domain().equals(ctx.event().eventId().domain())) {
                return AuthDecision.allow(rule(n, 2));
            }
            // 11.3 "Otherwise, reject."
            return AuthDecision.reject(rule(n, 3), "sender may not redact another server's event");
        }
    }
}
