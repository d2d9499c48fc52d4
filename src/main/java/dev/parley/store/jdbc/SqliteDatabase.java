package dev.parley.store.jdbc;

import dev.parley.store.StoreException;
import dev.parley.store.WriteChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite in WAL mode with {@code synchronous=FULL}: one connection writes through a
 * {@link GroupCommitWriter}; a small pool of read-only connections serves reads concurrently
 * (WAL lets readers run beside the writer).
 */
final class SqliteDatabase implements Database {
    /**
     * The commit that takes the write-ahead log past this many pages copies it back into the
     * database file (SQLite's default is 1,000). A page written again before the next checkpoint is
     * copied once, and a room's index pages are written by every event of the room, so a longer log
     * costs fewer page copies per event: paired runs of 20,000 sequential sends gave 2-7% more
     * events per second at 4,000 pages (16 MiB of log) than at 1,000, and ten senders 3-9% more.
     */
    static final int WAL_CHECKPOINT_PAGES = 4_000;

    private final GroupCommitWriter writer;
    private final Connection writeConnection;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();

    private SqliteDatabase(Connection writeConnection, List<Connection> readConnections) throws SQLException {
        this.writeConnection = writeConnection;
        this.writer = new GroupCommitWriter(writeConnection);
        this.readers = new ArrayBlockingQueue<>(readConnections.size(), false, readConnections);
        this.allReaders.addAll(readConnections);
    }

    static SqliteDatabase open(String jdbcUrl, int readConnections) {
        try {
            createParentDirectory(jdbcUrl);
            SQLiteDataSource writerSource = dataSource(jdbcUrl);
            Migrations.run(writerSource, Dialect.SQLITE);
            Connection write = StatementCachingConnection.wrap(writerSource.getConnection());
            try (var st = write.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
            }
            SQLiteDataSource readerSource = dataSource(jdbcUrl);
            List<Connection> reads = new ArrayList<>();
            for (int i = 0; i < readConnections; i++) {
                Connection read = readerSource.getConnection();
                try (var st = read.createStatement()) {
                    // A reader that tried to write would bypass the group-commit writer.
                    st.execute("PRAGMA query_only = 1");
                }
                reads.add(StatementCachingConnection.wrap(read));
            }
            return new SqliteDatabase(write, reads);
        } catch (SQLException e) {
            throw new StoreException("cannot open SQLite database " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteDataSource dataSource(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk before it is acknowledged (DESIGN.md "Storage").
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-16_000); // 16 MB page cache per connection
        // Nothing reads getGeneratedKeys(); with it on, sqlite-jdbc matched every statement against
        // a pattern and ran SELECT last_insert_rowid() after each INSERT (compiled anew each time).
        config.setGetGeneratedKeys(false);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    private static void createParentDirectory(String jdbcUrl) throws SQLException {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        if (file.startsWith("file:") || file.equals(":memory:") || file.isEmpty()) {
            return;
        }
        int query = file.indexOf('?');
        Path parent = Path.of(query < 0 ? file : file.substring(0, query)).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create directory " + parent + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database read failed", e);
        } finally {
            readers.add(c);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        return writer.submit(work);
    }

    @Override
    public <T> CompletableFuture<T> writeQueued(WriteChain chain, SqlWork<T> work) {
        return writer.enqueue(chain, work);
    }

    @Override
    public boolean isHealthy() {
        return read(c -> c.isValid(2));
    }

    @Override
    public void close() {
        writer.close();
        closeQuietly(writeConnection);
        allReaders.forEach(SqliteDatabase::closeQuietly);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing at shutdown: nothing more to do with a failure here.
        }
    }
}
