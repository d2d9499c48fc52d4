package dev.parley.core.state;

import dev.parley.core.auth.Membership;
import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * State resolution v2, "Power events" and step 1's selection: the power events of the full
 * conflicted set, enlarged by the events of their auth chains that are also in the full
 * conflicted set.
 */
final class PowerEvents {

    private PowerEvents() {
    }

    /**
     * "A power event is a state event with type m.room.power_levels or m.room.join_rules, or a
     * state event with type m.room.member where the membership is leave or ban and the sender
     * does not match the state_key."
     */
    static boolean isPowerEvent(Pdu event) {
        if (!event.isState()) {
            return false;
        }
        return switch (event.type()) {
            case StateKey.POWER_LEVELS, StateKey.JOIN_RULES -> true;
            case StateKey.MEMBER -> {
                Membership membership = Membership.of(event);
                yield (membership == Membership.LEAVE || membership == Membership.BAN)
                        && !event.sender().value().equals(event.stateKey());
            }
            default -> false;
        };
    }

    /** Step 1's set X (unsorted). */
    static Set<EventId> selectWithAuthChains(Set<EventId> fullConflictedSet, UnconflictedAuthChain common,
                                             Set<EventId> conflicted, ResolutionEvents events) {
        List<EventId> power = new ArrayList<>();
        for (EventId id : fullConflictedSet) {
            if (isPowerEvent(events.get(id))) {
                power.add(id);
            }
        }
        Set<EventId> selected = new HashSet<>(power);
        events.walkAuthChains(power, common.boundaryFor(conflicted), event -> {
            if (fullConflictedSet.contains(event.eventId())) {
                selected.add(event.eventId());
            }
        });
        return selected;
    }
}
