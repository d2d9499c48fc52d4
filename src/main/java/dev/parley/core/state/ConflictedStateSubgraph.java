package dev.parley.core.state;

import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * State resolution v2.1 (room version 12), "Conflicted state subgraph": the events on
 * {@code auth_events} paths from one conflicted event to another, endpoints included.
 *
 * <p>An event is on such a path if it is reachable from a conflicted event and can itself reach
 * a conflicted event. The first walk collects what conflicted events reach; a memoised
 * depth-first pass then marks which of those reach a conflicted event.
 */
final class ConflictedStateSubgraph {

    private ConflictedStateSubgraph() {
    }

    static Set<EventId> of(Set<EventId> conflicted, UnconflictedAuthChain common, ResolutionEvents events) {
        Set<EventId> boundary = common.boundaryFor(conflicted);
        Set<EventId> reachable = events.walkAuthChains(conflicted, boundary, e -> { });
        Map<EventId, Boolean> reachesConflicted = new HashMap<>();
        Set<EventId> subgraph = new HashSet<>();
        for (EventId id : reachable) {
            if (reachesConflicted(id, conflicted, boundary, events, reachesConflicted) || conflicted.contains(id)) {
                if (events.get(id) != null) {
                    subgraph.add(id);
                }
            }
        }
        // A conflicted event that reaches another one is the start of such a path.
        for (EventId id : conflicted) {
            if (reachesConflicted(id, conflicted, boundary, events, reachesConflicted)) {
                subgraph.add(id);
            }
        }
        return subgraph;
    }

    /** Whether some auth event of {@code start}, directly or through others, is conflicted. */
    private static boolean reachesConflicted(EventId start, Set<EventId> conflicted, Set<EventId> boundary,
                                             ResolutionEvents events, Map<EventId, Boolean> memo) {
        Boolean known = memo.get(start);
        if (known != null) {
            return known;
        }
        // Iterative post-order: an event's answer needs its auth events' answers first.
        List<EventId> stack = new ArrayList<>();
        Set<EventId> onStack = new HashSet<>();
        stack.add(start);
        while (!stack.isEmpty()) {
            EventId id = stack.getLast();
            if (memo.containsKey(id)) {
                stack.removeLast();
                continue;
            }
            Pdu event = events.get(id);
            if (event == null || boundary.contains(id)) {
                memo.put(id, false);
                stack.removeLast();
                continue;
            }
            boolean pending = false;
            if (onStack.add(id)) {
                for (EventId auth : event.authEvents()) {
                    if (!memo.containsKey(auth) && !conflicted.contains(auth) && !onStack.contains(auth)) {
                        stack.add(auth);
                        pending = true;
                    }
                }
            }
            if (pending) {
                continue;
            }
            boolean reaches = false;
            for (EventId auth : event.authEvents()) {
                if (conflicted.contains(auth) || Boolean.TRUE.equals(memo.get(auth))) {
                    reaches = true;
                    break;
                }
            }
            memo.put(id, reaches);
            stack.removeLast();
        }
        return memo.get(start);
    }
}
