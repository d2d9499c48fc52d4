package dev.parley.core.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state reset: one state holds power levels P1, the other P3 (which cites P2, which cites P1),
 * and a membership both states share cites P2. P2 is in every state's auth chain, so it is not in
 * the auth difference; it lies on the auth path from P3 to P1, so v12's conflicted state subgraph
 * brings it into the full conflicted set.
 */
class ConflictedStateSubgraphTest {
    private static final String ALICE = "@alice:a.test";
    private static final String BOB = "@bob:b.test";

    @Test
    void eventsBetweenConflictedEventsJoinTheFullConflictedSet() {
        ScenarioRoom room = new ScenarioRoom(RoomVersions.V12, null);
        room.add("CREATE", "m.room.create", ALICE, "", obj(), List.of(), 1);
        room.add("IMA", "m.room.member", ALICE, ALICE, obj().put("membership", "join"), List.of("CREATE"), 2);
        room.add("JR", "m.room.join_rules", ALICE, "", obj().put("join_rule", "public"), List.of("IMA"), 3);
        room.add("P1", "m.room.power_levels", ALICE, "", levels(10), List.of("JR"), 3);
        room.add("P2", "m.room.power_levels", ALICE, "", levels(20), List.of("P1"), 4);
        room.add("IMB", "m.room.member", BOB, BOB, obj().put("membership", "join"), List.of("P2"), 5);
        room.add("P3", "m.room.power_levels", ALICE, "", levels(30), List.of("IMB"), 6);

        assertThat(room.source.isRejected(id(room, "IMB"))).isFalse();
        StateMap full = room.stateAfter("P3");
        StateMap reset = full.toBuilder().put(StateKey.POWER_LEVELS_KEY, id(room, "P1")).build();
        List<StateMap> states = List.of(full, reset);
        ResolutionEvents events = new ResolutionEvents(room.source);
        StateSplit split = StateSplit.of(states);
        UnconflictedAuthChain common = UnconflictedAuthChain.of(split, events);

        assertThat(split.conflicted()).containsExactlyInAnyOrder(id(room, "P1"), id(room, "P3"));
        Set<EventId> difference = AuthDifference.of(states, split, common, events);
        assertThat(difference).doesNotContain(id(room, "P2"));
        assertThat(ConflictedStateSubgraph.of(split.conflicted(), common, events))
                .containsExactlyInAnyOrder(id(room, "P1"), id(room, "P2"), id(room, "P3"));

        assertThat(room.named(room.resolver().resolve(states))).containsEntry("m.room.power_levels|", "P3");
    }

    private static EventId id(ScenarioRoom room, String name) {
        return room.event(name).eventId();
    }

    private static ObjectNode levels(int bob) {
        ObjectNode content = obj();
        content.putObject("users").put(BOB, bob);
        return content;
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }
}
