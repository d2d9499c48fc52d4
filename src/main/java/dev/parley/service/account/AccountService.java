package dev.parley.service.account;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.store.UserRow;
import dev.parley.store.UserStore;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/** Creating local accounts. Client-Server API, "Account registration and management". */
public final class AccountService {
    private final UserStore users;
    private final PasswordHasher passwords;
    private final ServerName serverName;
    private final Clock clock;

    public AccountService(UserStore users, PasswordHasher passwords, ServerName serverName, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.serverName = serverName;
        this.clock = clock;
    }

    /**
     * Registers a new local user. The localpart is lower-cased as clients expect (Synapse does
     * the same) and must then follow the spec's grammar for new user IDs.
     *
     * @throws MatrixException {@code M_INVALID_USERNAME}, {@code M_USER_IN_USE}
     */
    public UserId register(String localpart, Optional<String> password, boolean admin) {
        String normalized = localpart.toLowerCase(Locale.ROOT);
        if (!UserId.isStrictLocalpart(normalized)) {
            throw new MatrixException(ErrCode.INVALID_USERNAME,
                    "User ID may only contain the characters a-z, 0-9, '.', '_', '=', '-' and '/'");
        }
        UserId userId = new UserId(normalized, serverName);
        if (userId.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw new MatrixException(ErrCode.INVALID_USERNAME, "User ID is longer than 255 bytes");
        }
        Optional<String> hash = password.map(passwords::hash);
        if (!users.create(new UserRow(userId, hash, admin, false, false, clock.millis()))) {
            throw new MatrixException(ErrCode.USER_IN_USE, "User ID already taken");
        }
        return userId;
    }

    public Optional<UserRow> find(UserId userId) {
        return users.find(userId);
    }
}
