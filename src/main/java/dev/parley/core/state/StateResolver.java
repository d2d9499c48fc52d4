package dev.parley.core.state;

import dev.parley.core.auth.EventSource;
import dev.parley.core.auth.SignatureCheck;
import dev.parley.core.room.RoomVersion;

import java.util.List;

/**
 * Resolves a set of room states into one: the state before an event whose {@code prev_events}
 * have different states (room version pages, "State resolution").
 */
public interface StateResolver {

    /** The resolution of {@code states}; every event they name must be known to the event source. */
    StateMap resolve(List<StateMap> states);

    /** The algorithm of {@code version}: v1 for room version 1, v2 otherwise (v12 with its changes). */
    static StateResolver forVersion(RoomVersion version, EventSource events, SignatureCheck signatures) {
        return switch (version.stateResolution()) {
            case V1 -> new StateResolutionV1(version, events, signatures);
            case V2, V2_1 -> new StateResolutionV2(version, events, signatures);
        };
    }
}
