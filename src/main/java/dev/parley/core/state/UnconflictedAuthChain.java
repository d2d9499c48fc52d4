package dev.parley.core.state;

import dev.parley.core.id.EventId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The union of the auth chains of the unconflicted state map's events. Those events are in every
 * state, so this set lies in every state's full auth chain, and it is closed under taking auth
 * events. The other steps use it as a boundary: a walk that reaches it has left the part of the
 * auth DAG where states differ. Computed once per resolution; it is the one walk whose size
 * follows the room's whole state rather than the fork.
 */
record UnconflictedAuthChain(Set<EventId> events) {

    static UnconflictedAuthChain of(StateSplit split, ResolutionEvents events) {
        List<EventId> seeds = new ArrayList<>();
        split.forEachUnconflicted(seeds::add);
        return new UnconflictedAuthChain(events.walkAuthChains(seeds, false, Set.of(), e -> { }));
    }

    boolean contains(EventId id) {
        return events.contains(id);
    }

    /**
     * The boundary for walks that look for conflicted events and what lies between them. It is
     * exact only if no conflicted event is inside this chain (then nothing past the boundary can
     * be conflicted); otherwise walks must not stop early, and the boundary is empty.
     */
    Set<EventId> boundaryFor(Set<EventId> conflicted) {
        for (EventId id : conflicted) {
            if (events.contains(id)) {
                return Set.of();
            }
        }
        return events;
    }
}
