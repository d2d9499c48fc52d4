package dev.parley.store.jdbc;

import dev.parley.store.WriteChain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Database} that counts the units of work the stores hand it (each usually one query
 * or one transaction), for the operations metrics: it shows, for example, that a parked
 * {@code /sync} long-poll costs the database nothing.
 */
public final class CountingDatabase implements Database {
    private final Database database;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();

    public CountingDatabase(Database database) {
        this.database = database;
    }

    /** Read-only units of work run so far. */
    public long reads() {
        return reads.sum();
    }

    /** Transactions run or queued so far. */
    public long writes() {
        return writes.sum();
    }

    @Override
    public Dialect dialect() {
        return database.dialect();
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        reads.increment();
        return database.read(work);
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        writes.increment();
        return database.write(work);
    }

    @Override
    public <T> CompletableFuture<T> writeQueued(WriteChain chain, SqlWork<T> work) {
        writes.increment();
        return database.writeQueued(chain, work);
    }

    @Override
    public boolean isHealthy() {
        return database.isHealthy();
    }

    @Override
    public void close() {
        database.close();
    }
}
