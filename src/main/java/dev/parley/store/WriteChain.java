package dev.parley.store;

/**
 * Writes queued one after another where each was built on the ones before it (a room's events:
 * each names the previous as its prev_event and starts from its state). They commit in the order
 * they were queued, and once one of them fails, every later write of the same chain fails too
 * without being written, so the database never holds an event whose predecessor it lost. The
 * writer of the chain then starts a new chain from what the database holds.
 */
public final class WriteChain {
    private volatile boolean broken;

    /** True once a write of this chain failed; later writes of the chain are refused. */
    public boolean isBroken() {
        return broken;
    }

    /** Marks the chain failed: called by the database layer when one of its writes fails. */
    public void markBroken() {
        broken = true;
    }
}
