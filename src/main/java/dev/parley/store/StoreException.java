package dev.parley.store;

/**
 * The database failed (connection lost, disk full, constraint broken by a bug). Not a client's
 * fault: the HTTP layer answers 500 and logs it; nothing is half-written because every write
 * runs in a transaction.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
