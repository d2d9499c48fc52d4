package dev.parley.service.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.crypto.SigningKey;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Dialect;
import dev.parley.store.jdbc.JdbcRoomStore;
import dev.parley.testing.TestDatabases;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The in-memory answer to "is this transaction ID new for the device?", against a real store. */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class KnownTransactionsTest {
    @Parameter
    Dialect dialect;

    private final UserId alice = UserId.parse("@alice:test.local");
    private Database db;
    private JdbcRoomStore store;
    private EventPipeline pipeline;
    private RoomId roomId;

    @BeforeEach
    void open() {
        db = TestDatabases.open(dialect);
        store = new JdbcRoomStore(db);
        pipeline = new EventPipeline(store, ServerName.parse("test.local"), SigningKey.generate("test"), Clock.systemUTC());
        roomId = pipeline.createRoom(RoomVersions.V11, alice, Json.MAPPER.createObjectNode()).pdu().roomId();
        pipeline.send(roomId, alice, Draft.state("m.room.member", alice.value(),
                Json.MAPPER.createObjectNode().put("membership", "join")), Optional.empty());
        for (int i = 0; i < 5; i++) {
            send("stored-" + i);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void storedTransactionsAreMaybeUsedAndOthersAreSurelyNew() {
        KnownTransactions known = new KnownTransactions(store, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(known.maybeUsed(alice.value(), "DEV", "stored-" + i)).isTrue();
        }
        assertThat(known.maybeUsed(alice.value(), "DEV", "never")).isFalse();
        assertThat(known.maybeUsed(alice.value(), "OTHER", "stored-0")).isFalse();

        send("later");
        known.used(alice.value(), "DEV", "later");
        assertThat(known.maybeUsed(alice.value(), "DEV", "later")).isTrue();
        for (int i = 0; i < 1_000; i++) {
            known.used(alice.value(), "DEV", "grown-" + i);
        }
        assertThat(known.maybeUsed(alice.value(), "DEV", "grown-999")).isTrue();
        assertThat(known.maybeUsed(alice.value(), "DEV", "stored-3")).isTrue();
        assertThat(known.maybeUsed(alice.value(), "DEV", "never")).isFalse();
    }

    @Test
    void aDeviceWithMoreStoredTransactionsThanALoadHoldsAlwaysAsksTheStore() {
        KnownTransactions known = new KnownTransactions(store, 3);
        assertThat(known.maybeUsed(alice.value(), "DEV", "never")).isTrue();
        assertThat(known.maybeUsed(alice.value(), "OTHER", "never")).isFalse();
    }

    @Test
    void aSendRecordedBeforeTheDeviceWasLoadedIsFoundInTheStore() {
        KnownTransactions known = new KnownTransactions(store, 100);
        send("before-load");
        known.used(alice.value(), "DEV", "before-load"); // not loaded yet: nothing to add to
        assertThat(known.maybeUsed(alice.value(), "DEV", "before-load")).isTrue();
    }

    private void send(String txnId) {
        pipeline.send(roomId, alice, Draft.message("m.room.message", Json.MAPPER.createObjectNode().put("body", txnId)),
                Optional.of(new ClientTransaction(alice, "DEV", txnId)));
    }
}
