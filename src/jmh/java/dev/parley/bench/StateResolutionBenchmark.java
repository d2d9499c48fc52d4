package dev.parley.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.SignatureCheck;
import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.ServerName;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import dev.parley.core.state.StateMap;
import dev.parley.core.state.StateResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * State resolution of a fork in a large room: 30,000 state events (99% memberships), then two
 * branches of 1,000 events each (joins, profile changes, bans, topics, power level changes on one
 * side, a moderator's bans on the other, each admin's own profile change), resolved into one
 * state. Target: 100 ms or less.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -jar target/benchmarks.jar -f 1 -wi 2 -i 3
 * StateResolutionBenchmark}. Measured on the 2-core build machine (JDK 25, shared with other
 * builds): about 31 ms (v11) and 29 ms (v12) per resolution; with invited members, whose auth
 * chain behind the state is twice as large, about 75 ms. Most of the time is the one walk of the
 * unconflicted events' auth chain (see {@code UnconflictedAuthChain}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class StateResolutionBenchmark {
    private static final int ROOM_STATE = 30_000;
    private static final int BRANCH = 1_000;
    private static final String ALICE = "@alice:bench.test";
    private static final String MOD = "@mod0:bench.test";
    private static final SignatureCheck NO_SIGNATURES = new SignatureCheck() {
        @Override
        public boolean isSignedByServer(Pdu event, ServerName server) {
            return false;
        }

        @Override
        public boolean signedMatchesAnyKey(ObjectNode signed, List<String> publicKeys) {
            return false;
        }
    };

    @Param({"11", "12"})
    public String roomVersion;

    /** Whether members were invited before joining, which doubles the auth DAG behind the state. */
    @Param({"false", "true"})
    public boolean invitedMembers;

    private BenchRoom room;
    private List<StateMap> fork;

    @Setup(Level.Trial)
    public void buildRoom() {
        RoomVersion version = RoomVersions.get(roomVersion);
        room = new BenchRoom(version, "!bench:bench.test");
        Random random = new Random(42);
        BenchRoom.Branch main = room.start();
        main.add(StateKey.CREATE, ALICE, "", version.implicitRoomCreator() ? obj() : obj().put("creator", ALICE));
        main.add(StateKey.MEMBER, ALICE, ALICE, membership("join"));
        ObjectNode pl = obj();
        ObjectNode users = pl.putObject("users");
        if (!version.privilegedCreators()) {
            users.put(ALICE, 100);
        }
        for (int m = 0; m < 10; m++) {
            users.put("@mod" + m + ":bench.test", 50);
        }
        main.add(StateKey.POWER_LEVELS, ALICE, "", pl);
        main.add(StateKey.JOIN_RULES, ALICE, "", obj().put("join_rule", "public"));
        for (int m = 0; m < 10; m++) {
            String mod = "@mod" + m + ":bench.test";
            main.add(StateKey.MEMBER, mod, mod, membership("join"));
        }
        int custom = 0;
        int member = 0;
        while (main.size() < ROOM_STATE) {
            if (main.size() % 100 == 0) {
                main.add("m.bench.state", ALICE, "k" + custom++, obj().put("value", custom));
            } else {
                String user = user(member++);
                if (invitedMembers) {
                    main.add(StateKey.MEMBER, MOD, user, membership("invite"));
                }
                main.add(StateKey.MEMBER, user, user, membership("join"));
            }
        }
        int members = member;
        BenchRoom.Branch a = main.fork();
        BenchRoom.Branch b = main.fork();
        grow(a, ALICE, "a", members, random, true);
        grow(b, MOD, "b", members, random, false);
        fork = List.of(a.stateMap(), b.stateMap());

        StateMap resolved = resolve();
        if (resolved.size() < ROOM_STATE) {
            throw new IllegalStateException("Resolved state lost entries: " + resolved.size());
        }
        System.out.printf("%nroom v%s (invited members: %s): %d events, states of %d and %d entries, resolved to %d%n", roomVersion,
                invitedMembers, room.eventCount(), fork.get(0).size(), fork.get(1).size(), resolved.size());
    }

    /** One branch: new joins, profile changes, bans by {@code admin}, topics; power level changes if {@code changesPower}. */
    private static void grow(BenchRoom.Branch branch, String admin, String tag, int members, Random random,
                             boolean changesPower) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < BRANCH; i++) {
            if (i % 10 == 0) {
                String target = user(random.nextInt(members));
                if (branch.get(StateKey.member(target)).map(p -> "join".equals(p.content().path("membership").asText())).orElse(false)) {
                    branch.add(StateKey.MEMBER, admin, target, membership("ban"));
                    targets.add(target);
                    continue;
                }
            }
            if (i == BRANCH / 2) {
                // The admin's own profile change: its old membership is cited by older state, so a
                // conflicted event lies inside the unconflicted events' auth chain.
                branch.add(StateKey.MEMBER, admin, admin, membership("join").put("displayname", tag));
            } else if (changesPower && i % 50 == 25) {
                ObjectNode pl = branch.get(StateKey.POWER_LEVELS_KEY).orElseThrow().content().deepCopy();
                pl.withObjectProperty("users").put(user(random.nextInt(members)), 10 + i % 40);
                branch.add(StateKey.POWER_LEVELS, admin, "", pl);
            } else if (i % 7 == 0) {
                branch.add("m.room.topic", admin, "", obj().put("topic", tag + i));
            } else if (i % 2 == 0) {
                String user = "@" + tag + i + ":new.test";
                branch.add(StateKey.MEMBER, user, user, membership("join"));
            } else {
                String user = user(random.nextInt(members));
                if (branch.get(StateKey.member(user)).map(p -> "join".equals(p.content().path("membership").asText())).orElse(false)) {
                    branch.add(StateKey.MEMBER, user, user, membership("join").put("displayname", tag + i));
                } else {
                    branch.add("m.room.topic", admin, "", obj().put("topic", tag + i));
                }
            }
        }
    }

    @Benchmark
    public StateMap resolveFork() {
        return resolve();
    }

    private StateMap resolve() {
        return StateResolver.forVersion(room.version, room, NO_SIGNATURES).resolve(fork);
    }

    private static String user(int i) {
        return "@u" + i + ":s" + (i % 50) + ".test";
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }

    private static ObjectNode membership(String membership) {
        return obj().put("membership", membership);
    }
}
