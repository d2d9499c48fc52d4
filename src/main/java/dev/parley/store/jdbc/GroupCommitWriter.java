package dev.parley.store.jdbc;

import dev.parley.store.StoreException;
import dev.parley.store.WriteChain;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single writer of an SQLite database. Callers queue units of work; the writer thread takes
 * every unit waiting, runs each inside its own savepoint of one transaction, and commits once:
 * one fsync for the whole batch. A failing unit rolls back to its savepoint and fails alone; a
 * unit alone in its batch (sequential writes) runs without one, and its failure rolls back the
 * whole transaction, which holds nothing else.
 * Callers get their result only after the commit, so a returned write is durable. Callers that
 * need not wait (a room's next event is built while the previous one commits) queue with
 * {@link #enqueue} and a {@link WriteChain} that keeps dependent units consistent.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final int MAX_BATCH = 512;

    private record Task<T>(SqlWork<T> work, CompletableFuture<T> result, WriteChain chain) {
        void breakChain() {
            if (chain != null) {
                chain.markBroken();
            }
        }
    }

    private final Connection connection;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    GroupCommitWriter(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().name("sqlite-writer").daemon(true).start(this::loop);
    }

    <T> T submit(SqlWork<T> work) {
        try {
            return enqueue(null, work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database write", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new StoreException("database write failed", e.getCause());
        }
    }

    /**
     * Queues a unit; the future completes after the commit of its batch. Units of one
     * {@code chain} (may be null) run in queue order, and once one fails the later ones fail
     * without running.
     */
    <T> CompletableFuture<T> enqueue(WriteChain chain, SqlWork<T> work) {
        if (Thread.currentThread() == thread) {
            // A unit that writes from inside another unit joins the running transaction.
            try {
                return CompletableFuture.completedFuture(work.run(connection));
            } catch (SQLException e) {
                throw new StoreException("database write failed", e);
            }
        }
        if (closing) {
            return CompletableFuture.failedFuture(new StoreException("database is closed", null));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new Task<>(work, result, chain));
        return result;
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Task<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try {
            boolean alone = batch.size() == 1;
            for (Task<?> task : batch) {
                completions.add(runUnit(task, alone));
            }
            connection.commit();
            completions.forEach(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            StoreException failure = new StoreException("database commit failed", e);
            for (Task<?> task : batch) {
                // Broken before any caller hears of the failure, so no later unit of the chain runs.
                task.breakChain();
                task.result().completeExceptionally(failure);
            }
        }
    }

    /**
     * Runs one unit; returns how to complete its future once the batch is committed. A unit
     * {@code alone} in its batch needs no savepoint (two statements per write for nothing): rolling
     * back the transaction undoes exactly that unit, and the commit that follows writes nothing.
     */
    private <T> Runnable runUnit(Task<T> task, boolean alone) throws SQLException {
        if (task.chain() != null && task.chain().isBroken()) {
            StoreException refused = new StoreException("not written: an earlier write it depends on failed", null);
            return () -> task.result().completeExceptionally(refused);
        }
        if (!alone) {
            Sql.update(connection, "SAVEPOINT unit");
        }
        try {
            T value = task.work().run(connection);
            if (!alone) {
                Sql.update(connection, "RELEASE unit");
            }
            return () -> task.result().complete(value);
        } catch (Throwable t) {
            task.breakChain();
            if (alone) {
                connection.rollback();
            } else {
                Sql.update(connection, "ROLLBACK TO unit");
                Sql.update(connection, "RELEASE unit");
            }
            Throwable failure = t instanceof SQLException ? new StoreException("database write failed", t) : t;
            return () -> task.result().completeExceptionally(failure);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is already broken; the callers have their failure.
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
