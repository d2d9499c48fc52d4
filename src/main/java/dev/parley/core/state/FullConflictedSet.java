package dev.parley.core.state;

import dev.parley.core.id.EventId;

import java.util.HashSet;
import java.util.Set;

/**
 * State resolution v2, "Full conflicted set": the conflicted state set and the auth difference;
 * from v2.1 (room version 12) also the conflicted state subgraph. Only events known to the
 * resolution are kept.
 */
final class FullConflictedSet {

    private FullConflictedSet() {
    }

    static Set<EventId> of(Set<EventId> conflicted, Set<EventId> authDifference, Set<EventId> subgraph,
                           ResolutionEvents events) {
        Set<EventId> full = new HashSet<>(authDifference);
        full.addAll(subgraph);
        for (EventId id : conflicted) {
            if (events.get(id) != null) {
                full.add(id);
            }
        }
        return full;
    }
}
