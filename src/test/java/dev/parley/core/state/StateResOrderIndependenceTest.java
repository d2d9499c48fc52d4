package dev.parley.core.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random forks of three branches (power level changes, bans, kicks, joins, leaves, join rule and
 * topic changes, with colliding timestamps) must resolve to the same state whatever the order of
 * the input states, and resolving a state with itself must give it back.
 */
class StateResOrderIndependenceTest {
    private static final String[] USERS = {"@alice:a.test", "@bob:b.test", "@carol:c.test", "@dave:d.test", "@zara:z.test"};

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "6", "10", "12"})
    void resultDoesNotDependOnInputOrder(String versionId) {
        RoomVersion version = RoomVersions.get(versionId);
        int nonTrivial = 0;
        for (int seed = 0; seed < 25; seed++) {
            ScenarioRoom room = prelude(version);
            Random random = new Random(seed * 7919L + versionId.hashCode());
            List<String> tips = new ArrayList<>();
            for (int branch = 0; branch < 3; branch++) {
                String tip = "IMZ";
                for (int i = 0; i < 12; i++) {
                    String name = "B" + branch + "_" + i;
                    addRandom(room, random, name, tip);
                    tip = name;
                }
                tips.add(tip);
            }
            List<StateMap> states = new ArrayList<>();
            tips.forEach(t -> states.add(room.stateAfter(t)));
            StateMap expected = room.resolver().resolve(states);
            for (List<Integer> order : List.of(List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0),
                    List.of(2, 0, 1), List.of(2, 1, 0))) {
                List<StateMap> permuted = new ArrayList<>();
                order.forEach(i -> permuted.add(states.get(i)));
                assertThat(room.named(room.resolver().resolve(permuted)))
                        .as("v%s seed %d order %s", versionId, seed, order)
                        .isEqualTo(room.named(expected));
            }
            for (StateMap state : states) {
                assertThat(room.resolver().resolve(List.of(state, state))).isEqualTo(state);
            }
            if (!states.get(0).equals(states.get(1))) {
                nonTrivial++;
            }
        }
        assertThat(nonTrivial).as("forks that actually conflict").isGreaterThan(20);
    }

    private static ScenarioRoom prelude(RoomVersion version) {
        ScenarioRoom room = new ScenarioRoom(version, "!room:a.test");
        String alice = USERS[0];
        ObjectNode create = obj();
        if (!version.implicitRoomCreator()) {
            create.put("creator", alice);
        }
        room.add("CREATE", "m.room.create", alice, "", create, List.of(), 1);
        room.add("IMA", "m.room.member", alice, alice, obj().put("membership", "join"), List.of("CREATE"), 2);
        ObjectNode pl = obj();
        ObjectNode users = pl.putObject("users");
        if (!version.privilegedCreators()) {
            users.put(alice, 100);
        }
        users.put(USERS[1], 50);
        room.add("IPOWER", "m.room.power_levels", alice, "", pl, List.of("IMA"), 3);
        room.add("IJR", "m.room.join_rules", alice, "", obj().put("join_rule", "public"), List.of("IPOWER"), 4);
        String prev = "IJR";
        for (int i = 1; i < USERS.length; i++) {
            String name = i == USERS.length - 1 ? "IMZ" : "IM" + i;
            room.add(name, "m.room.member", USERS[i], USERS[i], obj().put("membership", "join"), List.of(prev), 5 + i);
            prev = name;
        }
        return room;
    }

    private static void addRandom(ScenarioRoom room, Random random, String name, String prev) {
        String sender = USERS[random.nextInt(USERS.length)];
        String target = USERS[1 + random.nextInt(USERS.length - 1)];
        long ts = 100 + random.nextInt(20);
        List<String> prevs = List.of(prev);
        switch (random.nextInt(7)) {
            case 0 -> {
                ObjectNode pl = obj();
                ObjectNode users = pl.putObject("users");
                if (!room.version.privilegedCreators()) {
                    users.put(USERS[0], 100);
                }
                users.put(USERS[1], new int[]{0, 50, 75}[random.nextInt(3)]);
                users.put(USERS[2], new int[]{0, 50}[random.nextInt(2)]);
                room.add(name, "m.room.power_levels", sender, "", pl, prevs, ts);
            }
            case 1 -> room.add(name, "m.room.member", sender, target, obj().put("membership", "ban"), prevs, ts);
            case 2 -> room.add(name, "m.room.member", sender, target, obj().put("membership", "leave"), prevs, ts);
            case 3 -> room.add(name, "m.room.member", target, target, obj().put("membership", "join"), prevs, ts);
            case 4 -> room.add(name, "m.room.join_rules", sender, "",
                    obj().put("join_rule", random.nextBoolean() ? "public" : "invite"), prevs, ts);
            case 5 -> room.add(name, "m.room.member", sender, target, obj().put("membership", "invite"), prevs, ts);
            default -> room.add(name, "m.room.topic", sender, "", obj().put("topic", name), prevs, ts);
        }
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }
}
