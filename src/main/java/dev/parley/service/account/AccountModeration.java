package dev.parley.service.account;

import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.store.ModeratedUserRow;
import dev.parley.store.UserRow;
import dev.parley.store.UserStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Account locking and suspension by server admins (Client-Server API, "Account moderation" and
 * "Server administration": {@code GET}/{@code PUT /_matrix/client/v1/admin/lock|suspend/{userId}},
 * v1.18). This class keeps the state and answers the admin endpoints; what the state does to a
 * request is decided where requests are authenticated (locked: everything but logout is
 * {@code M_USER_LOCKED}; suspended: the endpoints closed as a whole) and where local events are
 * checked (suspended: see {@code service.room.SuspendedSenderCheck}).
 *
 * <p>Every request asks whether its user is locked, and every local event whether its sender is
 * suspended, so the moderated accounts, which are few, are held in memory: read whole at
 * start-up, and changed only here, after the database.
 */
public final class AccountModeration {
    /** The two reversible restrictions an admin may put on an account. */
    public enum Restriction {
        LOCKED, SUSPENDED
    }

    /** An account's moderation state. */
    public record Status(boolean locked, boolean suspended) {
        public static final Status NONE = new Status(false, false);

        public boolean has(Restriction restriction) {
            return restriction == Restriction.LOCKED ? locked : suspended;
        }

        Status with(Restriction restriction, boolean on) {
            return restriction == Restriction.LOCKED ? new Status(on, suspended) : new Status(locked, on);
        }
    }

    private final UserStore users;
    private final AccountService accounts;
    private final Map<UserId, Status> moderated = new ConcurrentHashMap<>();
    /** Admin changes are rare; one at a time keeps the map in the database's order. */
    private final ReentrantLock writes = new ReentrantLock();

    public AccountModeration(UserStore users, AccountService accounts) {
        this.users = users;
        this.accounts = accounts;
        for (ModeratedUserRow row : users.moderated()) {
            moderated.put(row.userId(), new Status(row.locked(), row.suspended()));
        }
    }

    public Status status(UserId userId) {
        return moderated.getOrDefault(userId, Status.NONE);
    }

    public boolean locked(UserId userId) {
        return status(userId).locked();
    }

    public boolean suspended(UserId userId) {
        return status(userId).suspended();
    }

    /** {@code GET /admin/lock|suspend/{userId}} (getAdminLockUser, getAdminSuspendUser). */
    public boolean isRestricted(UserId admin, UserId target, Restriction restriction) {
        requireTarget(admin, target, false);
        return status(target).has(restriction);
    }

    /**
     * {@code PUT /admin/lock|suspend/{userId}} (setAdminLockUser, setAdminSuspendUser). A locked
     * user's tokens are kept ("Servers SHOULD NOT invalidate access tokens on locked accounts"),
     * so lifting the lock gives them back.
     *
     * @return the restriction's new state
     */
    public boolean restrict(UserId admin, UserId target, Restriction restriction, boolean on) {
        requireTarget(admin, target, true);
        writes.lock();
        try {
            if (restriction == Restriction.LOCKED) {
                users.setLocked(target, on);
            } else {
                users.setSuspended(target, on);
            }
            Status status = status(target).with(restriction, on);
            if (status.equals(Status.NONE)) {
                moderated.remove(target);
            } else {
                moderated.put(target, status);
            }
        } finally {
            writes.unlock();
        }
        return on;
    }

    /**
     * The {@code m.account_moderation} capability: admins may lock and suspend; for anyone else
     * it "should be omitted altogether if {@code suspend} and {@code lock} would be false".
     */
    public Map<String, Object> capabilities(UserId requester) {
        boolean admin = accounts.find(requester).map(UserRow::admin).orElse(false);
        return admin ? Map.of("m.account_moderation", Map.of("suspend", true, "lock", true)) : Map.of();
    }

    /**
     * The checks of all four endpoints, in the order the spec asks: "servers MUST ensure that
     * authorisation is checked prior to trying to do account lookups".
     *
     * @throws MatrixException {@code M_FORBIDDEN} when the requester is not a server admin, the
     *     target is another admin, or (changing) the target is the requester;
     *     {@code M_INVALID_PARAM} for a user of another server; {@code M_NOT_FOUND} for an
     *     unknown or deactivated user
     */
    private void requireTarget(UserId admin, UserId target, boolean changing) {
        accounts.requireAdmin(admin);
        if (!target.server().equals(accounts.serverName())) {
            throw MatrixException.invalidParam("User does not belong to the local server.");
        }
        UserRow row = accounts.find(target).filter(user -> !user.deactivated())
                .orElseThrow(() -> MatrixException.notFound("User not found."));
        if (target.equals(admin)) {
            if (changing) {
                throw MatrixException.forbidden("Server administrators cannot lock or suspend their own account.");
            }
        } else if (row.admin()) {
            throw MatrixException.forbidden("The target user is another server administrator.");
        }
    }
}
