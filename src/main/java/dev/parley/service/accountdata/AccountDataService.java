package dev.parley.service.accountdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.AccountDataRow;
import dev.parley.store.AccountDataStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Account data, global or per room (Client-Server API, "Client Config"). Only its owner reads or
 * writes it. Writes take the next position of the user's account data stream, which
 * {@code /sync} reads through {@link #changesSince}.
 */
public final class AccountDataService {
    /**
     * "Servers MUST reject setting account data for event types that the server manages.
     * Currently, this only includes m.fully_read and m.push_rules."
     */
    private static final Set<String> SERVER_MANAGED = Set.of("m.fully_read", "m.push_rules");

    private final AccountDataStore store;
    private final Map<String, ManagedAccountData> managed = new HashMap<>();

    /** @param managed the global account data kept elsewhere, read through here ({@code m.push_rules}) */
    private final List<java.util.function.Consumer<UserId>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public AccountDataService(AccountDataStore store, List<ManagedAccountData> managed) {
        this.store = store;
        managed.forEach(m -> this.managed.put(m.type(), m));
    }

    /**
     * @param room empty for global account data
     * @throws MatrixException {@code M_FORBIDDEN} for another user's data, {@code M_NOT_FOUND} when absent
     */
    public ObjectNode get(UserId requester, UserId owner, Optional<RoomId> room, String type) {
        requireOwner(requester, owner);
        // "Servers must allow clients to read the above event types as normal", wherever they are kept.
        if (room.isEmpty() && managed.containsKey(type)) {
            return managed.get(type).content().apply(owner);
        }
        return store.get(owner, room, type)
                .orElseThrow(() -> MatrixException.notFound(room.isEmpty() ? "Account data not found."
                        : "Room account data not found."));
    }

    /** @throws MatrixException 405 {@code M_BAD_JSON} for the types the server manages */
    /** Told after each change of a user's account data (sync's notifier listens). */
    public void addListener(java.util.function.Consumer<UserId> listener) {
        listeners.add(listener);
    }

    public void put(UserId requester, UserId owner, Optional<RoomId> room, String type, ObjectNode content) {
        requireOwner(requester, owner);
        if (SERVER_MANAGED.contains(type)) {
            throw new MatrixException(ErrCode.SERVER_MANAGED_ACCOUNT_DATA,
                    "Cannot set " + type + " through this API.");
        }
        store.put(owner, room, type, content);
        listeners.forEach(l -> l.accept(owner));
    }

    /**
     * The server's own write of a type it manages (the {@code m.fully_read} marker, set through
     * {@code /read_markers}); clients cannot {@link #put} these.
     */
    public void putServerManaged(UserId owner, Optional<RoomId> room, String type, ObjectNode content) {
        if (!SERVER_MANAGED.contains(type)) {
            throw new IllegalArgumentException(type + " is not server-managed account data");
        }
        store.put(owner, room, type, content);
        listeners.forEach(l -> l.accept(owner));
    }

    /** The server's own read of a user's account data. */
    public Optional<ObjectNode> find(UserId owner, Optional<RoomId> room, String type) {
        return store.get(owner, room, type);
    }

    /**
     * What changed after stream position {@code since}, oldest first, with each entry's latest
     * content, the account data kept elsewhere ({@code m.push_rules}) included.
     */
    public List<AccountDataRow> changesSince(UserId user, long since) {
        List<AccountDataRow> changes = new ArrayList<>(store.changedSince(user, since));
        for (ManagedAccountData m : managed.values()) {
            long position = m.position().applyAsLong(user);
            if (position > since) {
                changes.add(new AccountDataRow(Optional.empty(), m.type(), m.content().apply(user), position));
            }
        }
        changes.sort(Comparator.comparingLong(AccountDataRow::position));
        return changes;
    }

    /** The user's latest account data stream position; 0 before any write. */
    public long position(UserId user) {
        return store.position(user);
    }

    private static void requireOwner(UserId requester, UserId owner) {
        if (!requester.equals(owner)) {
            throw MatrixException.forbidden("Cannot access account data of other users.");
        }
    }
}
