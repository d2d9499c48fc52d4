package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the authorization-rule tables of {@code vectors/auth}: each case is one event checked on
 * receipt (against its auth events, selected from the case's room state unless listed) in every
 * room version its {@code expect} names, and must be allowed or rejected by exactly the rule given.
 */
class AuthRuleVectorsTest {
    private static final List<String> FILES = List.of("create-and-auth-events.json", "membership-join.json",
            "membership-invite.json", "membership-leave-ban-knock.json", "power-levels.json", "other-rules.json");

    private final Map<RoomVersion, AuthFixture> fixtures = new HashMap<>();
    private final JsonNode room = read("room.json");

    @TestFactory
    List<DynamicTest> vectors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            for (JsonNode testCase : read(file).get("cases")) {
                for (Map.Entry<String, JsonNode> expect : testCase.get("expect").properties()) {
                    for (RoomVersion version : VersionRange.expand(expect.getKey())) {
                        String name = file + " v" + version.id() + ": " + testCase.get("why").textValue();
                        String expected = expect.getValue().textValue();
                        tests.add(DynamicTest.dynamicTest(name, () -> run(name, version, testCase, expected)));
                    }
                }
            }
        }
        return tests;
    }

    private void run(String name, RoomVersion version, JsonNode testCase, String expected) {
        AuthFixture fixture = fixtures.computeIfAbsent(version, v -> AuthFixture.build(room, v));
        Map<StateKey, Pdu> state = caseState(fixture, testCase.path("state"));
        MapEventSource caseSource = new MapEventSource();
        fixture.byName.values().forEach(caseSource::add);
        for (JsonNode rejected : testCase.path("rejected")) {
            caseSource.reject(fixture.event(rejected.textValue()).eventId());
        }
        Pdu event = caseEvent(fixture, testCase.get("event"), state);
        caseSource.add(event);

        AuthDecision decision = new EventAuthorizer(version, new TestSignatures()).authorizeByAuthEvents(event, caseSource);

        assertThat(decision.isAllowed() ? "allow " + decision.rule() : "reject " + decision.rule())
                .as("%s -> %s", name, decision)
                .isEqualTo(expected);
    }

    private static Map<StateKey, Pdu> caseState(AuthFixture fixture, JsonNode spec) {
        Map<StateKey, Pdu> state = new HashMap<>();
        if (spec.has("only")) {
            spec.get("only").forEach(n -> put(state, fixture.event(n.textValue())));
            return state;
        }
        state.putAll(fixture.baseState);
        spec.path("remove").forEach(n -> state.remove(StateKey.of(fixture.event(n.textValue()))));
        spec.path("add").forEach(n -> put(state, fixture.event(n.textValue())));
        return state;
    }

    private static void put(Map<StateKey, Pdu> state, Pdu event) {
        state.put(StateKey.of(event), event);
    }

    private static Pdu caseEvent(AuthFixture fixture, JsonNode spec, Map<StateKey, Pdu> state) {
        RoomVersion version = fixture.version;
        String type = spec.get("type").textValue();
        String sender = spec.get("sender").textValue();
        String stateKey = spec.has("state_key") ? spec.get("state_key").textValue() : null;
        ObjectNode content = VectorPlaceholders.fill((ObjectNode) spec.get("content"), version.id());
        List<EventId> prev = spec.has("prev") ? fixture.ids(spec.get("prev")) : List.of(fixture.lastEventId);
        List<EventId> auth = spec.has("auth") ? fixture.ids(spec.get("auth"))
                : AuthEventSelection.select(version, type, UserId.parse(sender), stateKey, content,
                        key -> Optional.ofNullable(state.get(key)));
        boolean v12Create = version.roomIdFromCreateEvent() && type.equals(StateKey.CREATE);
        String roomId = spec.has("room_id") ? spec.get("room_id").textValue() : v12Create ? null : fixture.roomId;
        String eventId = spec.has("event_id") ? spec.get("event_id").textValue()
                : "$case:" + sender.substring(sender.indexOf(':') + 1);
        ObjectNode json = TestEvents.json(version, type, sender, stateKey, content, roomId, prev, auth,
                fixture.depth + 1, 5_000, eventId);
        if (spec.has("redacts")) {
            json.put("redacts", spec.get("redacts").textValue());
        }
        for (JsonNode server : spec.path("signed_by")) {
            TestSignatures.signEvent(json, version, server.textValue());
        }
        return TestEvents.pdu(json, version);
    }

    private static JsonNode read(String file) {
        try (InputStream in = AuthRuleVectorsTest.class.getResourceAsStream("/vectors/auth/" + file)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read vectors/auth/" + file, e);
        }
    }
}
