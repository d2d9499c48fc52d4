package dev.parley.core.room;

/** The state resolution algorithm a room version uses (room version pages, "State resolution"). */
public enum StateResolutionAlgorithm {
    /** Room version 1. */
    V1,
    /** Room versions 2 to 11. */
    V2,
    /**
     * Room version 12: v2 with the "conflicted state subgraph" in the full conflicted set and
     * iterative auth checks starting from an empty state.
     */
    V2_1
}
