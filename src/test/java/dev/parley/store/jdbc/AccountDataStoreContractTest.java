package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.AccountDataRow;
import dev.parley.testing.DialectDatabaseTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountDataStoreContractTest extends DialectDatabaseTest {
    private JdbcAccountDataStore accountData;
    private final UserId alice = UserId.parse("@alice:example.org");
    private final UserId bob = UserId.parse("@bob:example.org");
    private final Optional<RoomId> room = Optional.of(RoomId.parse("!room:example.org"));

    @BeforeEach
    void open() {
        accountData = new JdbcAccountDataStore(db, new AccountDataStream(db));
        createUsers(alice, bob);
    }

    @Test
    void globalAndRoomDataAreSeparateAndPerUser() {
        accountData.put(alice, Optional.empty(), "org.example.theme", content("{\"dark\":true}"));
        accountData.put(alice, room, "org.example.theme", content("{\"dark\":false}"));

        assertThat(accountData.get(alice, Optional.empty(), "org.example.theme")).contains(content("{\"dark\":true}"));
        assertThat(accountData.get(alice, room, "org.example.theme")).contains(content("{\"dark\":false}"));
        assertThat(accountData.get(alice, Optional.of(RoomId.parse("!other:example.org")), "org.example.theme")).isEmpty();
        assertThat(accountData.get(bob, Optional.empty(), "org.example.theme")).isEmpty();
    }

    @Test
    void everyWriteTakesTheUsersNextPositionAndReplacesTheContent() {
        assertThat(accountData.position(alice)).isZero();
        assertThat(accountData.put(alice, Optional.empty(), "a", content("{\"v\":1}"))).isEqualTo(1);
        assertThat(accountData.put(alice, room, "b", content("{}"))).isEqualTo(2);
        assertThat(accountData.put(bob, Optional.empty(), "a", content("{}"))).isEqualTo(1);
        assertThat(accountData.put(alice, Optional.empty(), "a", content("{\"v\":2}"))).isEqualTo(3);

        assertThat(accountData.position(alice)).isEqualTo(3);
        assertThat(accountData.get(alice, Optional.empty(), "a")).contains(content("{\"v\":2}"));
    }

    @Test
    void changedSinceListsLatestContentAfterAPositionOldestFirst() {
        accountData.put(alice, Optional.empty(), "a", content("{\"v\":1}"));
        accountData.put(alice, room, "b", content("{\"v\":1}"));
        accountData.put(alice, Optional.empty(), "c", content("{\"v\":1}"));
        accountData.put(alice, Optional.empty(), "a", content("{\"v\":2}"));

        assertThat(accountData.changedSince(alice, 0)).containsExactly(
                new AccountDataRow(room, "b", content("{\"v\":1}"), 2),
                new AccountDataRow(Optional.empty(), "c", content("{\"v\":1}"), 3),
                new AccountDataRow(Optional.empty(), "a", content("{\"v\":2}"), 4));
        assertThat(accountData.changedSince(alice, 3)).extracting(AccountDataRow::type).containsExactly("a");
        assertThat(accountData.changedSince(alice, 4)).isEmpty();
        assertThat(accountData.changedSince(bob, 0)).isEmpty();
    }

    @Test
    void concurrentWritesGetDistinctConsecutivePositions() throws Exception {
        List<Long> positions = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String type = "t" + i;
                writes.add(pool.submit(() -> positions.add(accountData.put(alice, Optional.empty(), type, content("{}")))));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        }
        assertThat(positions).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(accountData.changedSince(alice, 0)).hasSize(20);
    }

    private static ObjectNode content(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
