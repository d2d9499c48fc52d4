package dev.parley.store.jdbc;

import dev.parley.store.StoreException;
import dev.parley.store.WriteChain;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of an SQLite database. Callers queue units of work; whoever writes takes
 * every unit waiting, runs each inside its own savepoint of one transaction, and commits once:
 * one fsync for the whole batch. A failing unit rolls back to its savepoint and fails alone; a
 * unit alone in its batch (sequential writes) runs without one, and its failure rolls back the
 * whole transaction, which holds nothing else.
 * Callers get their result only after the commit, so a returned write is durable. Callers that
 * need not wait (a room's next event is built while the previous one commits) queue with
 * {@link #enqueue} and a {@link WriteChain} that keeps dependent units consistent.
 *
 * <p>Who writes: a caller that waits for its result while no batch is being written writes the
 * waiting units itself, and its own; otherwise the writer thread does. Handing a unit to another
 * thread and its result back costs two wake-ups, and on this project's virtual machines waking an
 * idle CPU took about 0.1 ms each, a fifth of a sequential send. Under load a batch is always
 * being written, so the writer thread (or whichever caller got there first) takes the next one as
 * before. Batches are taken from the queue only under {@link #writing}, so units run in queue order.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final int MAX_BATCH = 512;
    private static final long IDLE_PARK_NANOS = 100_000_000L;

    private record Task<T>(SqlWork<T> work, CompletableFuture<T> result, WriteChain chain) {
        void breakChain() {
            if (chain != null) {
                chain.markBroken();
            }
        }
    }

    /**
     * A unit's result: waiting for it ({@link #join}, {@link #get}) first writes the queued units
     * if no one else is writing. Futures made from it ({@code thenAccept}) wait the same way.
     */
    private final class Pending<T> extends CompletableFuture<T> {
        @Override
        public T join() {
            help(this);
            return super.join();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            help(this);
            return super.get();
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new Pending<>();
        }
    }

    private final Connection connection;
    private final Queue<Task<?>> queue = new ConcurrentLinkedQueue<>();
    /** Held while a batch is taken from the queue, run and committed. */
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread thread;
    private volatile boolean writerParked;
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
        if (writing.isHeldByCurrentThread()) {
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
        Pending<T> result = new Pending<>();
        queue.add(new Task<>(work, result, chain));
        if (writerParked) {
            // For units whose caller does not wait soon; one that does mostly gets there first.
            LockSupport.unpark(thread);
        }
        return result;
    }

    /** Writes queued batches on the caller's thread while its result is missing and no one else writes. */
    private void help(CompletableFuture<?> awaited) {
        while (!awaited.isDone() && !queue.isEmpty() && writing.tryLock()) {
            try {
                writeOneBatch();
            } finally {
                writing.unlock();
            }
        }
    }

    private void loop() {
        while (!closing || !queue.isEmpty()) {
            if (queue.isEmpty()) {
                writerParked = true;
                if (queue.isEmpty() && !closing) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                writerParked = false;
                continue;
            }
            writing.lock();
            try {
                writeOneBatch();
            } finally {
                writing.unlock();
            }
        }
    }

    /** Under {@link #writing}: takes up to {@link #MAX_BATCH} queued units and commits them. */
    private void writeOneBatch() {
        List<Task<?>> batch = new ArrayList<>();
        for (Task<?> task; batch.size() < MAX_BATCH && (task = queue.poll()) != null; ) {
            batch.add(task);
        }
        if (!batch.isEmpty()) {
            runBatch(batch);
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

    /**
     * Refuses new units, lets the writer thread write what is queued, then waits for a caller still
     * writing a batch of its own and writes anything left; the lock stays held, so once this returns
     * no one uses the connection and the caller may close it.
     */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writing.lock();
        while (!queue.isEmpty()) {
            writeOneBatch();
        }
    }
}
