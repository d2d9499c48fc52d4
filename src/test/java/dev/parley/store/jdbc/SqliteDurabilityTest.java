package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings a write's durability and cost rest on, read back from the writing connection. */
class SqliteDurabilityTest {
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
    void writesGoToAWriteAheadLogSyncedAtEveryCommitAndCheckpointedEvery4000Pages() {
        assertThat(pragma("journal_mode")).isEqualTo("wal");
        assertThat(pragma("synchronous")).as("2 is FULL: a commit is on disk before it returns").isEqualTo("2");
        assertThat(pragma("wal_autocheckpoint")).isEqualTo(String.valueOf(SqliteDatabase.WAL_CHECKPOINT_PAGES));
    }

    private String pragma(String name) {
        return db.write(c -> Sql.one(c, "PRAGMA " + name, rs -> rs.getString(1)).orElseThrow());
    }
}
