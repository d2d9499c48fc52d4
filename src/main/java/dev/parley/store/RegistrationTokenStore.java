package dev.parley.store;

import java.util.List;
import java.util.Optional;

/** Registration tokens and their use counts. */
public interface RegistrationTokenStore {
    /** @return false when the token already exists */
    boolean create(RegistrationTokenRow token);

    Optional<RegistrationTokenRow> find(String token);

    List<RegistrationTokenRow> list();

    boolean delete(String token);

    /** Reserves one use if the token is still valid at {@code now}; atomic under concurrency. */
    boolean reserve(String token, long now);

    /** Returns a reserved use (an abandoned registration). */
    void release(String token);

    /** Turns a reserved use into a completed one. */
    void complete(String token);
}
