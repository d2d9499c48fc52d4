package dev.parley.service.account;

import dev.parley.core.id.UserId;

/** Checks a user's password; false for unknown, deactivated or password-less accounts. */
@FunctionalInterface
public interface Passwords {
    boolean verify(UserId userId, String password);
}
