package dev.parley.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.AuthDecision;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state resolution scenarios of {@code vectors/stateres}: a room DAG (events in order, each
 * with its {@code prev} edges), the branch tips to resolve, and the expected values of some keys
 * (an event name, or null for "absent"). Every event must be allowed on its own branch.
 */
class StateResScenarioTest {
    private static final List<String> FILES = List.of("ban-vs-power-levels.json", "conflicting-topics.json",
            "mainline-ordering.json", "join-rules-change.json", "demoted-user-power-levels.json",
            "v12-creators-power.json", "v1-depth-ordering.json", "topic-by-demoted-user.json");

    @TestFactory
    List<DynamicTest> scenarios() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            JsonNode scenario = read(file);
            tests.add(DynamicTest.dynamicTest(file + ": " + scenario.get("proves").textValue(), () -> run(file, scenario)));
        }
        return tests;
    }

    private static void run(String file, JsonNode scenario) {
        ScenarioRoom room = new ScenarioRoom(RoomVersions.get(scenario.get("room_version").textValue()),
                scenario.path("room_id").asText("!room:a.test"));
        long ts = 0;
        for (JsonNode e : scenario.get("events")) {
            ts += 10;
            List<String> prev = new ArrayList<>();
            e.path("prev").forEach(p -> prev.add(p.textValue()));
            String name = e.get("id").textValue();
            AuthDecision decision = room.add(name, e.get("type").textValue(), e.get("sender").textValue(),
                    e.has("state_key") ? e.get("state_key").textValue() : null, (ObjectNode) e.get("content"), prev,
                    e.path("ts").asLong(ts));
            assertThat(decision.isAllowed()).as("%s: %s must be allowed on its branch: %s", file, name, decision).isTrue();
        }
        List<String> tips = new ArrayList<>();
        scenario.get("resolve").forEach(t -> tips.add(t.textValue()));
        Map<String, String> resolved = room.named(room.stateBefore(tips));

        Map<String, String> expected = new HashMap<>();
        Map<String, String> actual = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : scenario.get("expected").properties()) {
            expected.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().textValue());
            actual.put(entry.getKey(), resolved.get(entry.getKey()));
        }
        assertThat(actual).as(file).isEqualTo(expected);
    }

    private static JsonNode read(String file) {
        try (InputStream in = StateResScenarioTest.class.getResourceAsStream("/vectors/stateres/" + file)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read vectors/stateres/" + file, e);
        }
    }
}
