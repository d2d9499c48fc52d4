package dev.parley.service.account;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.store.UserRow;
import dev.parley.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Local accounts: creation, passwords and deactivation (Client-Server API, "Account
 * registration and management").
 */
public final class AccountService implements Passwords {
    /** Told when an account is deactivated, e.g. to erase its profile. */
    @FunctionalInterface
    public interface DeactivationListener {
        void deactivated(UserId userId, boolean erase);
    }

    private final UserStore users;
    private final PasswordHasher passwords;
    private final ServerName serverName;
    private final Clock clock;
    private final List<DeactivationListener> deactivationListeners = new CopyOnWriteArrayList<>();

    public AccountService(UserStore users, PasswordHasher passwords, ServerName serverName, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.serverName = serverName;
        this.clock = clock;
    }

    public ServerName serverName() {
        return serverName;
    }

    public void onDeactivation(DeactivationListener listener) {
        deactivationListeners.add(listener);
    }

    /**
     * The user ID a new account with this localpart would get, lower-cased as clients expect
     * (Synapse does the same), checked against the grammar for new user IDs.
     *
     * @throws MatrixException {@code M_INVALID_USERNAME}
     */
    public UserId newUserId(String localpart) {
        String normalized = localpart.toLowerCase(Locale.ROOT);
        if (normalized.isEmpty() || !UserId.isStrictLocalpart(normalized)) {
            throw new MatrixException(ErrCode.INVALID_USERNAME,
                    "User ID may only contain the characters a-z, 0-9, '.', '_', '=', '-' and '/'");
        }
        if (("@" + normalized + ":" + serverName.value()).getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new MatrixException(ErrCode.INVALID_USERNAME, "User ID is longer than 255 bytes");
        }
        return new UserId(normalized, serverName);
    }

    /** Whether a new account could take this localpart; errors say why not. */
    public UserId checkAvailable(String localpart) {
        UserId userId = newUserId(localpart);
        if (users.find(userId).isPresent()) {
            throw new MatrixException(ErrCode.USER_IN_USE, "User ID already taken");
        }
        return userId;
    }

    /**
     * Registers a new local user.
     *
     * @throws MatrixException {@code M_INVALID_USERNAME}, {@code M_USER_IN_USE}
     */
    public UserId register(String localpart, Optional<String> password, boolean admin) {
        return create(newUserId(localpart), password, admin, false);
    }

    /** Creates an account with an already-checked user ID. */
    UserId create(UserId userId, Optional<String> password, boolean admin, boolean guest) {
        Optional<String> hash = password.map(passwords::hash);
        if (!users.create(new UserRow(userId, hash, admin, guest, false, clock.millis()))) {
            throw new MatrixException(ErrCode.USER_IN_USE, "User ID already taken");
        }
        return userId;
    }

    public Optional<UserRow> find(UserId userId) {
        return users.find(userId);
    }

    @Override
    public boolean verify(UserId userId, String password) {
        Optional<UserRow> user = users.find(userId);
        return user.isPresent() && !user.get().deactivated() && matches(user.get(), password);
    }

    /**
     * Checks a login's password: {@code M_FORBIDDEN} for a wrong password or unknown user (the
     * same answer, so logins cannot probe for accounts), {@code M_USER_DEACTIVATED} only once the
     * password is right.
     */
    public UserId checkLogin(UserId userId, String password) {
        Optional<UserRow> user = users.find(userId);
        if (user.isEmpty() || !matches(user.get(), password)) {
            throw MatrixException.forbidden("Invalid username or password");
        }
        if (user.get().deactivated()) {
            throw new MatrixException(ErrCode.USER_DEACTIVATED, "This account has been deactivated");
        }
        return userId;
    }

    /** @throws MatrixException {@code M_USER_DEACTIVATED} or {@code M_FORBIDDEN} for unknown users */
    public UserRow requireActive(UserId userId) {
        UserRow user = users.find(userId).orElseThrow(() -> MatrixException.forbidden("Unknown user"));
        if (user.deactivated()) {
            throw new MatrixException(ErrCode.USER_DEACTIVATED, "This account has been deactivated");
        }
        return user;
    }

    /** @throws MatrixException {@code M_FORBIDDEN} unless the user is a server admin */
    public void requireAdmin(UserId userId) {
        if (users.find(userId).filter(UserRow::admin).isEmpty()) {
            throw MatrixException.forbidden("You are not a server admin");
        }
    }

    private boolean matches(UserRow user, String password) {
        return user.passwordHash().isPresent() && passwords.matches(user.passwordHash().get(), password);
    }

    public void changePassword(UserId userId, String newPassword) {
        if (newPassword.isEmpty()) {
            throw new MatrixException(ErrCode.WEAK_PASSWORD, "The new password must not be empty");
        }
        users.setPasswordHash(userId, Optional.of(passwords.hash(newPassword)));
    }

    /** Deactivates the account for good: no login, no tokens, no devices; the ID stays reserved. */
    public void deactivate(UserId userId, boolean erase) {
        users.deactivate(userId);
        deactivationListeners.forEach(l -> l.deactivated(userId, erase));
    }
}
