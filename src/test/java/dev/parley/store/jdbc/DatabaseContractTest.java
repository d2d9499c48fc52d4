package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.store.StoreException;
import dev.parley.store.WriteChain;
import dev.parley.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link Database} contract, on SQLite and on PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class DatabaseContractTest {
    @Parameter
    Dialect dialect;

    private String url;
    private Database db;

    @BeforeEach
    void open() {
        url = TestDatabases.newDatabaseUrl(dialect);
        db = Databases.open(url, 8, 4);
        db.write(c -> Sql.update(c, "CREATE TABLE probe (id BIGINT PRIMARY KEY, note TEXT NOT NULL)"));
    }

    @AfterEach
    void close() {
        db.close();
        TestDatabases.drop(url);
    }

    @Test
    void reportsItsDialectAndHealth() {
        assertThat(db.dialect()).isEqualTo(dialect);
        assertThat(db.isHealthy()).isTrue();
    }

    @Test
    void aReturnedWriteIsVisibleToTheNextRead() {
        db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 1L, "one"));
        assertThat(note(1L)).contains("one");
    }

    @Test
    void concurrentWritesAllCommitAndAFailingOneRollsBackAlone() throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < 200; i++) {
                long id = i;
                results.add(threads.submit(() -> db.write(c -> {
                    Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", id, "row " + id);
                    if (id % 10 == 0) {
                        throw new IllegalStateException("unit " + id + " fails after writing");
                    }
                    return 1;
                })));
            }
        }
        int failed = 0;
        for (Future<Integer> result : results) {
            try {
                result.get();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                failed++;
            }
        }
        assertThat(failed).isEqualTo(20);
        assertThat(count("SELECT COUNT(*) FROM probe")).isEqualTo(180);
        assertThat(count("SELECT COUNT(*) FROM probe WHERE id % 10 = 0")).isZero();
    }

    @Test
    void queuedWritesOfAChainCommitInOrderAndAFailureFailsTheRestOfTheChainUnwritten() {
        WriteChain chain = new WriteChain();
        WriteChain other = new WriteChain();
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        writes.add(db.writeQueued(chain, c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 1L, "one")));
        // The second unit sees the first one's row: the chain's units run in queue order.
        writes.add(db.writeQueued(chain, c -> Sql.update(c, "UPDATE probe SET note = 'two' WHERE id = 1")));
        writes.add(db.writeQueued(chain, c -> {
            Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 3L, "three");
            throw new IllegalStateException("the third unit fails after writing");
        }));
        writes.add(db.writeQueued(chain, c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 4L, "four")));
        CompletableFuture<Integer> unrelated = db.writeQueued(other,
                c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 5L, "five"));

        assertThat(writes.get(0).join()).isEqualTo(1);
        assertThat(writes.get(1).join()).isEqualTo(1);
        assertThatThrownBy(writes.get(2)::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(writes.get(3)::join).hasCauseInstanceOf(StoreException.class);
        assertThat(unrelated.join()).isEqualTo(1);
        assertThat(chain.isBroken()).isTrue();
        assertThat(other.isBroken()).isFalse();
        assertThat(note(1L)).contains("two");
        assertThat(note(3L)).isEmpty();
        assertThat(note(4L)).as("queued after the failed unit: refused, not written").isEmpty();
        assertThat(note(5L)).contains("five");
        assertThatThrownBy(() -> db.writeQueued(chain, c -> 1).join()).hasCauseInstanceOf(StoreException.class);
    }

    @Test
    void chainsQueuedFromManyThreadsCommitInQueueOrderWhoeverWritesTheBatch() throws Exception {
        // Waiting callers write batches themselves when no one else is writing, beside the writer
        // thread: each chain's units must still run in the order they were queued.
        int threads = 16;
        int units = 60;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long t = 1; t <= threads; t++) {
                long id = t;
                pool.submit(() -> {
                    WriteChain chain = new WriteChain();
                    db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", id, "0"));
                    List<CompletableFuture<Integer>> queued = new ArrayList<>();
                    for (int u = 1; u < units; u++) {
                        String next = "," + u;
                        queued.add(db.writeQueued(chain, c -> Sql.update(c,
                                "UPDATE probe SET note = note || ? WHERE id = ?", next, id)));
                        if (u % 7 == 0) {
                            queued.getLast().join();
                        }
                    }
                    queued.forEach(CompletableFuture::join);
                    return null;
                });
            }
        }
        String expected = String.join(",", java.util.stream.IntStream.range(0, units).mapToObj(String::valueOf).toList());
        for (long t = 1; t <= threads; t++) {
            assertThat(note(t)).contains(expected);
        }
    }

    @Test
    void aWriteFromInsideAUnitIsWrittenToo() {
        // On SQLite the inner write joins the running transaction (queueing it would wait for the
        // writer that is running the outer unit); on PostgreSQL it takes a connection of its own.
        int rows = db.write(c -> {
            Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 1L, "outer");
            return db.write(inner -> Sql.update(inner, "INSERT INTO probe (id, note) VALUES (?, ?)", 2L, "inner"));
        });
        assertThat(rows).isEqualTo(1);
        assertThat(note(1L)).contains("outer");
        assertThat(note(2L)).contains("inner");
    }

    @Test
    void aFailingUnitAloneInItsCommitLeavesNothingAndTheNextWriteCommits() {
        // Every write waits for the one before: on SQLite each unit is alone in its batch.
        WriteChain chain = new WriteChain();
        assertThatThrownBy(db.writeQueued(chain, c -> {
            Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 1L, "one");
            throw new IllegalStateException("the lone unit fails after writing");
        })::join).cause().isInstanceOf(IllegalStateException.class).hasMessage("the lone unit fails after writing");
        assertThat(chain.isBroken()).isTrue();
        assertThatThrownBy(db.writeQueued(chain, c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 2L, "two"))::join)
                .as("a later unit of the broken chain is refused").cause().isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> db.write(c -> {
            Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 3L, "three");
            return Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 3L, "again");
        })).isInstanceOf(StoreException.class).hasMessage("database write failed").hasCauseInstanceOf(SQLException.class);

        assertThat(db.<Integer>write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 4L, "four"))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM probe")).isEqualTo(1);
        assertThat(note(4L)).contains("four");
    }

    @Test
    void unitsQueuedTogetherCommitTogetherAndAFailingOneRollsBackAlone() throws Exception {
        // A unit holds the SQLite writer while the others queue, so they run as one batch.
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(() -> db.write(c -> {
            running.countDown();
            await(release);
            return Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 1L, "one");
        }), Executors.newVirtualThreadPerTaskExecutor());
        running.await();
        WriteChain chain = new WriteChain();
        CompletableFuture<Integer> before = db.writeQueued(chain,
                c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 2L, "two"));
        CompletableFuture<Integer> failing = db.writeQueued(chain, c -> {
            Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 3L, "three");
            throw new IllegalStateException("a batched unit fails after writing");
        });
        CompletableFuture<Integer> refused = db.writeQueued(chain,
                c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 4L, "four"));
        CompletableFuture<Integer> other = db.writeQueued(new WriteChain(),
                c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 5L, "five"));
        release.countDown();

        assertThat(holder.join()).isEqualTo(1);
        assertThat(before.join()).isEqualTo(1);
        assertThatThrownBy(failing::join).cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("a batched unit fails after writing");
        assertThatThrownBy(refused::join).cause().isInstanceOf(StoreException.class);
        assertThat(other.join()).isEqualTo(1);
        assertThat(chain.isBroken()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM probe")).isEqualTo(3);
        assertThat(note(3L)).isEmpty();
        assertThat(note(4L)).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void uniqueViolationsAreRecognisedAndLeaveExistingRowsAlone() {
        db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 7L, "first"));
        assertThatThrownBy(() -> db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 7L, "second")))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(dialect.isUniqueViolation((SQLException) e.getCause())).isTrue());
        assertThat(note(7L)).contains("first");
    }

    /** SQLite keeps prepared statements per connection: a kept query must not read an old snapshot. */
    @Test
    void aRepeatedQuerySeesEveryCommitInBetween() {
        db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 1L, "v0"));
        for (int i = 1; i <= 20; i++) {
            assertThat(note(1L)).contains("v" + (i - 1));
            String next = "v" + i;
            db.write(c -> Sql.update(c, "UPDATE probe SET note = ? WHERE id = ?", next, 1L));
        }
        assertThat(note(1L)).contains("v20");
    }

    @Test
    void aQueryCanRunInsideTheRowLoopOfTheSameQuery() {
        for (long id = 1; id <= 3; id++) {
            long row = id;
            db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", row, "n" + row));
        }
        String sql = "SELECT id, note FROM probe WHERE id >= ? ORDER BY id";
        List<String> pairs = db.read(c -> Sql.list(c, sql, rs -> rs.getString(2) + "/"
                + Sql.one(c, sql, inner -> inner.getString(2), rs.getLong(1) + 1).orElse("-"), 1L));
        assertThat(pairs).containsExactly("n1/n2", "n2/n3", "n3/-");
        List<String> notes = db.read(c -> Sql.list(c, sql, rs -> rs.getString(2), 2L));
        assertThat(notes).containsExactly("n2", "n3");
    }

    @Test
    void aStatementThatFailedRunsAgainWithOtherValues() {
        db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 7L, "first"));
        assertThatThrownBy(() -> db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 7L, "again")))
                .isInstanceOf(StoreException.class);
        db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 8L, "second"));
        assertThat(note(8L)).contains("second");
        assertThat(count("SELECT COUNT(*) FROM probe")).isEqualTo(2);
    }

    @Test
    void sqlErrorsBecomeStoreExceptions() {
        assertThatThrownBy(() -> db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM no_such_table")))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> db.write(c -> Sql.update(c, "INSERT INTO no_such_table VALUES (1)")))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void committedDataSurvivesReopening() {
        db.write(c -> Sql.update(c, "INSERT INTO probe (id, note) VALUES (?, ?)", 42L, "kept"));
        db.close();
        db = Databases.open(url, 8, 4);
        assertThat(note(42L)).contains("kept");
    }

    @Test
    void migrationsRunOnceAndAreRecorded() {
        db.close();
        db = Databases.open(url, 8, 4); // a second open must not re-run or fail
        long applied = count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE");
        assertThat(applied).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDatabaseMigratedByTheEarlierReleaseUpgradesAndLosesEventEdges() {
        String old = TestDatabases.newDatabaseUrl(dialect);
        try {
            // The schema as the release before event_edges was dropped left it (its last migrations).
            String last = dialect == Dialect.SQLITE ? "80" : "81";
            Flyway.configure().dataSource(old, null, null).locations(dialect.migrationLocations())
                    .failOnMissingLocations(false).target(last).load().migrate();
            try (Database upgraded = Databases.open(old, 8, 4)) {
                assertThatThrownBy(() -> upgraded.read(c -> Sql.count(c, "SELECT COUNT(*) FROM event_edges")))
                        .isInstanceOf(StoreException.class);
                assertThat(upgraded.<Long>read(c -> Sql.count(c, "SELECT COUNT(*) FROM events"))).isZero();
            }
        } finally {
            TestDatabases.drop(old);
        }
        assertThatThrownBy(() -> db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM event_edges")))
                .as("nor does a new database have it").isInstanceOf(StoreException.class);
    }

    /**
     * Events stored before V84 get the state event each replaced from the events themselves: the
     * previous state event of the same room at the same type and state key, in stream order.
     */
    @Test
    void aDatabaseFromBeforeReplacedStateLearnsWhatEachStateEventReplaced() throws SQLException {
        String old = TestDatabases.newDatabaseUrl(dialect);
        try {
            Flyway flyway = Flyway.configure().dataSource(old, null, null).locations(dialect.migrationLocations())
                    .failOnMissingLocations(false).target("83").load();
            flyway.migrate();
            try (Connection c = flyway.getConfiguration().getDataSource().getConnection()) {
                c.setAutoCommit(true);
                for (String room : List.of("!a:test.local", "!b:test.local")) {
                    Sql.update(c, "INSERT INTO rooms (room_id, room_version, creator, created_ts) VALUES (?, '10', ?, 1)",
                            room, "@alice:test.local");
                }
                // stream, id, room, type, state key (null: not state); rooms a and b interleave.
                Object[][] events = {
                        {1L, "$a1", "!a:test.local", "m.room.create", ""},
                        {2L, "$b1", "!b:test.local", "m.room.create", ""},
                        {3L, "$a2", "!a:test.local", "m.room.member", "@alice:test.local"},
                        {4L, "$b2", "!b:test.local", "m.room.member", "@alice:test.local"},
                        {5L, "$a3", "!a:test.local", "m.room.message", null},
                        {6L, "$a4", "!a:test.local", "m.room.member", "@alice:test.local"},
                        {7L, "$a5", "!a:test.local", "m.room.member", "@bob:test.local"},
                        {8L, "$a6", "!a:test.local", "m.room.name", ""},
                        {9L, "$a7", "!a:test.local", "m.room.member", "@alice:test.local"},
                        {10L, "$b3", "!b:test.local", "m.room.member", "@alice:test.local"},
                };
                for (Object[] e : events) {
                    Sql.update(c, """
                            INSERT INTO events (stream_ordering, event_id, room_id, type, state_key, sender, depth,
                                                origin_server_ts, json, state_group)
                            VALUES (?, ?, ?, ?, ?, '@alice:test.local', ?, 1, '{}', ?)""",
                            e[0], e[1], e[2], e[3], e[4], e[0], e[0]);
                }
            }
            try (Database upgraded = Databases.open(old, 8, 4)) {
                List<java.util.Map.Entry<String, String>> replaced = upgraded.read(c -> Sql.list(c,
                        "SELECT event_id, replaces_state FROM events WHERE replaces_state IS NOT NULL",
                        rs -> java.util.Map.entry(rs.getString(1), rs.getString(2))));
                assertThat(replaced).containsExactlyInAnyOrder(java.util.Map.entry("$a4", "$a2"),
                        java.util.Map.entry("$a7", "$a4"), java.util.Map.entry("$b3", "$b2"));
            }
        } finally {
            TestDatabases.drop(old);
        }
    }

    private java.util.Optional<String> note(long id) {
        return db.read(c -> Sql.one(c, "SELECT note FROM probe WHERE id = ?", rs -> rs.getString(1), id));
    }

    private long count(String sql) {
        return db.<Long>read(c -> Sql.count(c, sql));
    }
}
