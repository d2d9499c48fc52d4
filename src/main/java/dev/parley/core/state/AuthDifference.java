package dev.parley.core.state;

import dev.parley.core.id.EventId;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * State resolution v2, "Auth difference": with C<sub>i</sub> the full auth chain of state
 * S<sub>i</sub>, the events in ∪ C<sub>i</sub> − ∩ C<sub>i</sub>.
 *
 * <p>Each C<sub>i</sub> is the chain of the unconflicted events U (shared by all states) plus
 * the chain of S<sub>i</sub>'s conflicted values outside U, A<sub>i</sub>. So the difference is
 * ∪ A<sub>i</sub> − ∩ A<sub>i</sub>, and only the walks from conflicted values, stopped at U,
 * depend on the states.
 */
final class AuthDifference {

    private AuthDifference() {
    }

    static Set<EventId> of(List<StateMap> states, StateSplit split, UnconflictedAuthChain common,
                           ResolutionEvents events) {
        Map<EventId, Integer> seenIn = new HashMap<>();
        for (StateMap state : states) {
            Set<EventId> chain = events.walkAuthChains(split.conflictedIn(state), common.events(), e -> { });
            for (EventId id : chain) {
                seenIn.merge(id, 1, Integer::sum);
            }
        }
        Set<EventId> difference = new HashSet<>();
        for (Map.Entry<EventId, Integer> entry : seenIn.entrySet()) {
            if (entry.getValue() < states.size() && events.get(entry.getKey()) != null) {
                difference.add(entry.getKey());
            }
        }
        return difference;
    }
}
