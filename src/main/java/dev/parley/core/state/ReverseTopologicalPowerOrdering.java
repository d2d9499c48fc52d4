package dev.parley.core.state;

import dev.parley.core.auth.AuthEventsState;
import dev.parley.core.auth.EventAuthorizer;
import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * State resolution v2, "Reverse topological power ordering": the lexicographically smallest
 * topological ordering of the auth DAG over a set of events, earliest first, found with Kahn's
 * algorithm taking at each step the smallest ready event where x &lt; y if
 * <ol>
 *   <li>x's sender has greater power level than y's sender, looking at their respective
 *       {@code auth_events}; or</li>
 *   <li>the same power, and x's {@code origin_server_ts} is less; or</li>
 *   <li>the same power and timestamp, and x's {@code event_id} is less.</li>
 * </ol>
 * An event must come after every event of the set in its auth chain, also when the path runs
 * through events outside the set.
 */
final class ReverseTopologicalPowerOrdering {

    private ReverseTopologicalPowerOrdering() {
    }

    private record Key(EventId id, long senderPower, long originServerTs) {
    }

    private static final Comparator<Key> ORDER = Comparator
            .comparingLong((Key k) -> k.senderPower).reversed()
            .thenComparingLong(k -> k.originServerTs)
            .thenComparing(k -> k.id.value());

    static List<EventId> sort(Set<EventId> selected, Set<EventId> boundary, ResolutionEvents events,
                              EventAuthorizer authorizer) {
        Map<EventId, Integer> waitingOn = new HashMap<>(selected.size() * 2);
        Map<EventId, List<EventId>> laterEvents = new HashMap<>(selected.size() * 2);
        for (EventId id : selected) {
            Set<EventId> earlier = nearestSelectedAncestors(id, selected, boundary, events);
            waitingOn.put(id, earlier.size());
            for (EventId ancestor : earlier) {
                laterEvents.computeIfAbsent(ancestor, k -> new ArrayList<>(2)).add(id);
            }
        }
        PriorityQueue<Key> ready = new PriorityQueue<>(ORDER);
        for (Map.Entry<EventId, Integer> entry : waitingOn.entrySet()) {
            if (entry.getValue() == 0) {
                ready.add(key(entry.getKey(), events, authorizer));
            }
        }
        List<EventId> sorted = new ArrayList<>(selected.size());
        while (!ready.isEmpty()) {
            EventId next = ready.poll().id;
            sorted.add(next);
            for (EventId later : laterEvents.getOrDefault(next, List.of())) {
                if (waitingOn.merge(later, -1, Integer::sum) == 0) {
                    ready.add(key(later, events, authorizer));
                }
            }
        }
        return sorted;
    }

    /** The selected events in {@code id}'s auth chain with no other selected event between. */
    private static Set<EventId> nearestSelectedAncestors(EventId id, Set<EventId> selected, Set<EventId> boundary,
                                                         ResolutionEvents events) {
        Set<EventId> found = new HashSet<>();
        Set<EventId> visited = new HashSet<>();
        ArrayDeque<EventId> todo = new ArrayDeque<>(events.get(id).authEvents());
        while (!todo.isEmpty()) {
            EventId next = todo.pop();
            if (!visited.add(next) || boundary.contains(next)) {
                continue;
            }
            if (selected.contains(next)) {
                found.add(next);
                continue;
            }
            Pdu event = events.get(next);
            if (event != null) {
                todo.addAll(event.authEvents());
            }
        }
        return found;
    }

    private static Key key(EventId id, ResolutionEvents events, EventAuthorizer authorizer) {
        Pdu event = events.get(id);
        return new Key(id, senderPower(event, events, authorizer), event.originServerTs());
    }

    /** The sender's power level according to the event's own auth events. */
    static long senderPower(Pdu event, ResolutionEvents events, EventAuthorizer authorizer) {
        AuthEventsState authState = AuthEventsState.of(event, events, false);
        return authorizer.powerLevels(authState.get(StateKey.POWER_LEVELS_KEY).orElse(null),
                authState.get(StateKey.CREATE_KEY).orElse(null)).userLevel(event.sender());
    }
}
