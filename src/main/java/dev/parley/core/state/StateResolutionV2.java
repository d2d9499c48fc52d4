package dev.parley.core.state;

import dev.parley.core.auth.EventAuthorizer;
import dev.parley.core.auth.EventSource;
import dev.parley.core.auth.SignatureCheck;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.StateResolutionAlgorithm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * State resolution v2 (room versions 2 to 11) and its v12 revision ("v2.1": the conflicted state
 * subgraph joins the full conflicted set, and step 2 starts from an empty state). Each step of
 * the spec's "Algorithm" is one class; this one runs them in order.
 *
 * <p>Each call memoises the events it fetches and the power levels it parses for its own use only,
 * so an instance may be shared; the event source must be safe for the callers' threads.
 */
final class StateResolutionV2 implements StateResolver {
    private final RoomVersion version;
    private final EventSource source;
    private final SignatureCheck signatures;

    StateResolutionV2(RoomVersion version, EventSource source, SignatureCheck signatures) {
        this.version = version;
        this.source = source;
        this.signatures = signatures;
    }

    @Override
    public StateMap resolve(List<StateMap> states) {
        if (states.isEmpty()) {
            return StateMap.empty();
        }
        if (states.size() == 1) {
            return states.getFirst();
        }
        boolean v21 = version.stateResolution() == StateResolutionAlgorithm.V2_1;
        ResolutionEvents events = new ResolutionEvents(source);
        EventAuthorizer authorizer = new EventAuthorizer(version, signatures);

        StateSplit split = StateSplit.of(states);
        if (split.conflictedKeys().isEmpty()) {
            return split.first();
        }
        UnconflictedAuthChain common = UnconflictedAuthChain.of(split, events);
        Set<EventId> authDifference = AuthDifference.of(states, split, common, events);
        Set<EventId> subgraph = v21 ? ConflictedStateSubgraph.of(split.conflicted(), common, events) : Set.of();
        Set<EventId> fullConflictedSet = FullConflictedSet.of(split.conflicted(), authDifference, subgraph, events);
        Set<EventId> boundary = common.boundaryFor(split.conflicted());

        // 1. "Select the set X of all power events that appear in the full conflicted set. For each
        // such power event P, enlarge X by adding the events in the auth chain of P which also belong
        // to the full conflicted set. Sort X into a list using the reverse topological power ordering."
        Set<EventId> powerEvents = PowerEvents.selectWithAuthChains(fullConflictedSet, common, split.conflicted(), events);
        List<EventId> sortedPowerEvents = ReverseTopologicalPowerOrdering.sort(powerEvents, boundary, events, authorizer);

        // 2. "Apply the iterative auth checks algorithm, starting from the unconflicted state map
        // (v12: an empty state map), to the list of events from the previous step."
        PartialState resolved = v21 ? PartialState.empty() : PartialState.fromUnconflicted(split);
        IterativeAuthChecks.apply(sortedPowerEvents, resolved, events, authorizer);

        // 3. "Take all remaining events that weren't picked in step 1 and order them by the mainline
        // ordering based on the power level in the partially resolved state obtained in step 2."
        List<EventId> remaining = new ArrayList<>(fullConflictedSet.size() - powerEvents.size());
        for (EventId id : fullConflictedSet) {
            if (!powerEvents.contains(id)) {
                remaining.add(id);
            }
        }
        List<EventId> sortedRemaining = MainlineOrdering.sort(remaining, resolved.get(StateKey.POWER_LEVELS_KEY), events);

        // 4. "Apply the iterative auth checks algorithm on the partial resolved state and the list
        // of events from the previous step."
        IterativeAuthChecks.apply(sortedRemaining, resolved, events, authorizer);

        // 5. "Update the result by replacing any event with the event with the same key from the
        // unconflicted state map, if such an event exists, to get the final resolved state."
        Map<StateKey, EventId> result = new HashMap<>(split.first().asMap());
        split.conflictedKeys().forEach(result::remove);
        resolved.applied().forEach((key, id) -> {
            if (!split.isUnconflicted(key)) {
                result.put(key, id);
            }
        });
        return StateMap.adopt(result);
    }
}
