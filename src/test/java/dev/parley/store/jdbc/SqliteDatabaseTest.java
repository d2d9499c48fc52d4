package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestDatabases;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the SQLite database does beyond the {@link Database} contract both databases meet. */
class SqliteDatabaseTest {
    private String url;
    private Database db;

    @BeforeEach
    void open() {
        url = TestDatabases.newDatabaseUrl(Dialect.SQLITE);
        db = Databases.open(url, 2, 2);
    }

    @AfterEach
    void close() {
        db.close();
        TestDatabases.drop(url);
    }

    @Test
    void closingWaitsForAWriteInProgressAndKeepsIt() throws Exception {
        db.write(c -> Sql.update(c, "CREATE TABLE probe (id BIGINT PRIMARY KEY)"));
        CountDownLatch writing = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // With the writer idle, the waiting caller writes its unit itself, on its own thread.
            Future<Integer> write = threads.submit(() -> db.write(c -> {
                writing.countDown();
                pause(300);
                return Sql.update(c, "INSERT INTO probe (id) VALUES (1)");
            }));
            writing.await();
            db.close();
            assertThat(write.get()).isEqualTo(1);
        }
        db = Databases.open(url, 2, 2);
        long rows = db.read(c -> Sql.one(c, "SELECT COUNT(*) FROM probe", rs -> rs.getLong(1)).orElseThrow());
        assertThat(rows).isEqualTo(1L);
    }

    @Test
    void writesGoToAWriteAheadLogSyncedAtEveryCommitAndCheckpointedEvery4000Pages() {
        assertThat(pragma("journal_mode")).isEqualTo("wal");
        assertThat(pragma("synchronous")).as("2 is FULL: a commit is on disk before it returns").isEqualTo("2");
        assertThat(pragma("wal_autocheckpoint")).isEqualTo(String.valueOf(SqliteDatabase.WAL_CHECKPOINT_PAGES));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String pragma(String name) {
        return db.write(c -> Sql.one(c, "PRAGMA " + name, rs -> rs.getString(1)).orElseThrow());
    }
}
