package dev.parley.store.jdbc;

import dev.parley.store.StoreException;
import dev.parley.store.WriteChain;
import java.util.concurrent.CompletableFuture;

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

    /**
     * Like {@link #write}, but the caller need not wait: the returned future completes once the
     * work is committed and durable, or failed and rolled back. Work queued on one
     * {@link WriteChain} commits in the order it was queued; after a failure of one unit the
     * later units of that chain fail without running. This default runs the work at once (the
     * future is complete on return), which keeps the order trivially.
     */
    default <T> CompletableFuture<T> writeQueued(WriteChain chain, SqlWork<T> work) {
        if (chain.isBroken()) {
            return CompletableFuture.failedFuture(new StoreException("an earlier write of this chain failed", null));
        }
        try {
            return CompletableFuture.completedFuture(write(work));
        } catch (RuntimeException | Error e) {
            chain.markBroken();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Cheap liveness check for the health endpoint. */
    boolean isHealthy();

    @Override
    void close();
}
