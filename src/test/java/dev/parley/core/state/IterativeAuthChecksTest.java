package dev.parley.core.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.EventAuthorizer;
import dev.parley.core.auth.StateKey;
import dev.parley.core.auth.TestSignatures;
import dev.parley.core.id.EventId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "If a (event_type, state_key) key that is required for checking the authorisation rules is not
 * present in the state, then the appropriate state event from the event's auth_events is used if
 * the auth event is not rejected."
 */
class IterativeAuthChecksTest {
    private static final String ALICE = "@alice:a.test";
    private static final String BOB = "@bob:b.test";

    @Test
    void missingKeysComeFromTheEventsOwnAuthEventsUnlessRejected() {
        ScenarioRoom room = new ScenarioRoom(RoomVersions.V10, "!room:a.test");
        room.add("CREATE", "m.room.create", ALICE, "", obj().put("creator", ALICE), List.of(), 1);
        room.add("IMA", "m.room.member", ALICE, ALICE, obj().put("membership", "join"), List.of("CREATE"), 2);
        ObjectNode pl = obj();
        pl.putObject("users").put(ALICE, 100).put(BOB, 50);
        room.add("IPOWER", "m.room.power_levels", ALICE, "", pl, List.of("IMA"), 3);
        room.add("IJR", "m.room.join_rules", ALICE, "", obj().put("join_rule", "public"), List.of("IPOWER"), 4);
        room.add("IMB", "m.room.member", BOB, BOB, obj().put("membership", "join"), List.of("IJR"), 5);
        room.add("TOPIC", "m.room.topic", BOB, "", obj().put("topic", "t"), List.of("IMB"), 6);
        EventAuthorizer authorizer = new EventAuthorizer(room.version, new TestSignatures());
        List<EventId> topic = List.of(room.event("TOPIC").eventId());

        PartialState fromAuthEvents = PartialState.empty();
        IterativeAuthChecks.apply(topic, fromAuthEvents, new ResolutionEvents(room.source), authorizer);
        assertThat(fromAuthEvents.get(new StateKey("m.room.topic", ""))).isEqualTo(room.event("TOPIC").eventId());

        room.source.reject(room.event("IMB").eventId());
        PartialState withoutRejected = PartialState.empty();
        IterativeAuthChecks.apply(topic, withoutRejected, new ResolutionEvents(room.source), authorizer);
        assertThat(withoutRejected.get(new StateKey("m.room.topic", ""))).as("bob's rejected join cannot vouch").isNull();
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }
}
