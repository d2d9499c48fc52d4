/**
 * Room state and state resolution (room version pages, "State resolution").
 *
 * <p>{@link dev.parley.core.state.StateMap} maps {@code (event_type, state_key)} to event IDs.
 * {@link dev.parley.core.state.StateResolver#forVersion} gives the algorithm of a room version:
 * v1 for room version 1, v2 for versions 2 to 11, and v2 with room version 12's changes
 * (conflicted state subgraph, iterative auth checks from an empty state). The v2 steps are one
 * class each: {@code StateSplit}, {@code AuthDifference}, {@code ConflictedStateSubgraph},
 * {@code FullConflictedSet}, {@code PowerEvents}, {@code ReverseTopologicalPowerOrdering},
 * {@code MainlineOrdering}, {@code IterativeAuthChecks}, run by {@code StateResolutionV2}.
 *
 * <p>Cost: one walk of the unconflicted events' auth chain per resolution (it bounds the other
 * walks), and work proportional to the fork elsewhere; events and parsed power levels are
 * memoised within a resolution.
 */
package dev.parley.core.state;
