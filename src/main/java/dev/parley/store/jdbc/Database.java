package dev.parley.store.jdbc;

/**
 * The database: SQLite (embedded default) or PostgreSQL. Stores never open connections
 * themselves; they hand units of work to {@link #read} or {@link #write}.
 *
 * <p>Durability: when {@link #write} returns, the transaction is committed and on disk
 * (SQLite WAL with {@code synchronous=FULL}; PostgreSQL's defaults).
 */
public interface Database extends AutoCloseable {
    Dialect dialect();

    /** Runs read-only work on a pooled connection in auto-commit mode. */
    <T> T read(SqlWork<T> work);

    /**
     * Runs {@code work} in a transaction and commits it. If {@code work} throws, its changes are
     * rolled back and the exception is rethrown (unchecked exceptions as they are, SQL
     * failures as {@link dev.parley.store.StoreException}).
     */
    <T> T write(SqlWork<T> work);

    /** Cheap liveness check for the health endpoint. */
    boolean isHealthy();

    @Override
    void close();
}
