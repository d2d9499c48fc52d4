package dev.parley.service.e2ee;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.service.notify.Notifier;
import dev.parley.store.DeviceListStore;
import dev.parley.store.DeviceListStore.Change;
import dev.parley.store.E2eeKeyStore;
import dev.parley.store.RoomMemberStore;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Device-list tracking and one-time key counts for a syncing device (Client-Server API,
 * "Tracking the device list for a user" and "Extensions to /sync"). This is the API both
 * {@code /sync} and sliding sync's {@code e2ee} extension read: {@link #position},
 * {@link #changesSince} and {@link #keyCounts}.
 */
public final class DeviceLists {
    /** The algorithm clients count on; reported as 0 rather than left out (Synapse does the same). */
    private static final String SIGNED_CURVE25519 = "signed_curve25519";

    /** {@code device_lists}: users whose devices or keys changed, or who now share a room; users who no longer do. */
    public record Changes(List<UserId> changed, List<UserId> left) {
        public boolean isEmpty() {
            return changed.isEmpty() && left.isEmpty();
        }
    }

    private final DeviceListStore store;
    private final E2eeKeyStore keys;
    private final RoomMemberStore members;
    private final Notifier notifier;
    private final AtomicLong position;

    public DeviceLists(DeviceListStore store, E2eeKeyStore keys, RoomMemberStore members, Notifier notifier) {
        this.store = store;
        this.keys = keys;
        this.members = members;
        this.notifier = notifier;
        this.position = new AtomicLong(store.position());
    }

    /**
     * The device-list stream position every change below has committed at. Kept in memory (every
     * {@code /sync} asks): each write to the stream is followed by {@link #changed} or goes through
     * {@link #onEvent}, which move it on before anyone is woken.
     */
    public long position() {
        return position.get();
    }

    /**
     * What changed for {@code user} between two positions (Client-Server API, "Extensions to
     * /sync" of end-to-end encryption, and {@code GET /keys/changes}): a user sharing a room with
     * them now whose devices or keys changed, or who joined a room with them (or whose room they
     * joined), is {@code changed}; a user who left a room with them (or whose room they left) and
     * now shares none is {@code left}. The user's own changes count too, for their other devices.
     *
     * <p>Every membership change on the server is on the stream, but another user's change in a
     * room concerns this user only if they share or shared that room: they are joined to it now,
     * or their own membership in it changed within the window. Anyone else would be a stranger
     * whose ID and activity {@code left} must not disclose. A change of devices or keys alone
     * never makes a user {@code left}: it changes no one's rooms.
     */
    public Changes changesSince(UserId user, long from, long to) {
        if (to <= from) {
            return new Changes(List.of(), List.of());
        }
        List<Change> entries = store.changes(from, to);
        if (entries.isEmpty()) {
            return new Changes(List.of(), List.of());
        }
        Set<RoomId> ownRooms = new LinkedHashSet<>();
        boolean othersMoved = false;
        for (Change change : entries) {
            if (change.user().equals(user)) {
                change.room().ifPresent(ownRooms::add);
            } else {
                othersMoved |= change.room().isPresent();
            }
        }
        // Read once, and only when someone else's membership changed: every join on the server is
        // an entry, and a query or a scan per entry made a sync after a wave of joins quadratic.
        Set<RoomId> sharedRooms = new HashSet<>(ownRooms);
        if (othersMoved) {
            sharedRooms.addAll(members.joinedRooms(user));
        }
        Set<UserId> touched = new LinkedHashSet<>();
        Set<UserId> membershipTouched = new HashSet<>();
        for (Change change : entries) {
            if (change.room().isEmpty()) {
                touched.add(change.user());
            } else if (!change.user().equals(user) && sharedRooms.contains(change.room().get())) {
                touched.add(change.user());
                membershipTouched.add(change.user());
            }
        }
        // The user's own join or leave concerns everyone in that room.
        for (RoomId room : ownRooms) {
            List<UserId> joined = members.joinedMembers(room);
            touched.addAll(joined);
            membershipTouched.addAll(joined);
        }
        Set<UserId> sharing = store.usersSharingRooms(user);
        List<UserId> changed = new ArrayList<>();
        List<UserId> left = new ArrayList<>();
        for (UserId other : touched) {
            if (sharing.contains(other)) {
                changed.add(other);
            } else if (membershipTouched.contains(other)) {
                left.add(other);
            }
        }
        return new Changes(changed, left);
    }

    /**
     * {@code device_one_time_keys_count} (the device's unclaimed one-time keys per algorithm) and
     * {@code device_unused_fallback_key_types}; from memory once read ({@link CachedKeyCounts}).
     */
    public E2eeKeyStore.KeyCounts keyCounts(UserId user, String deviceId) {
        E2eeKeyStore.KeyCounts read = keys.keyCounts(user, deviceId);
        return new E2eeKeyStore.KeyCounts(reported(read.oneTimeKeys()), read.unusedFallbackTypes());
    }

    /** One-time key counts as a client is told them: sorted, with {@value #SIGNED_CURVE25519} always present. */
    static Map<String, Long> reported(Map<String, Long> counts) {
        Map<String, Long> sorted = new TreeMap<>(counts);
        sorted.putIfAbsent(SIGNED_CURVE25519, 0L);
        return sorted;
    }

    /** The user's devices or keys changed (the change is already on the stream): wake whoever shares a room. */
    public void changed(UserId user) {
        position.accumulateAndGet(store.position(), Math::max);
        store.usersSharingRooms(user).forEach(notifier::userChanged);
    }

    /**
     * A room event listener: a membership change changes who shares rooms, so it goes on the
     * stream too, and wakes the room's members and the user.
     */
    public void onEvent(StoredEvent event) {
        if (!"m.room.member".equals(event.pdu().type()) || event.pdu().stateKey() == null) {
            return;
        }
        String membership = event.pdu().content().path("membership").asText("");
        if (!membership.equals("join") && !membership.equals("leave") && !membership.equals("ban")) {
            return;
        }
        UserId target = UserId.parse(event.pdu().stateKey());
        RoomId room = event.pdu().roomId();
        position.accumulateAndGet(store.membershipChanged(target, room, membership), Math::max);
        notifier.roomChanged(room);
        notifier.userChanged(target);
    }
}
