package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** A local account. {@code passwordHash} is a bcrypt hash; empty for accounts without a password. */
public record UserRow(UserId userId, Optional<String> passwordHash, boolean admin, boolean guest,
                      boolean deactivated, long createdTs) {
}
