package dev.parley.service.room;

import dev.parley.store.RoomStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which transaction IDs each device has used, kept in memory so that a send with a new
 * transaction ID (nearly every send) need not read {@code event_transactions} first: on SQLite
 * that read runs on a read connection whose page cache every commit empties, and it was 6% of a
 * send's CPU. Per device, 64-bit hashes of every transaction ID it used: loaded from the store at
 * the device's first send after start-up (or after {@link #MAX_SLOTS} made it forget) and extended once each send has
 * committed (this server is the only writer of its devices' transactions). A hash found only
 * means "maybe": the store decides, so a collision or a send whose commit failed costs a read and
 * nothing else. A device with more stored transactions than one load may hold always asks the store.
 */
final class KnownTransactions {
    /** A device beyond this many stored transactions is not kept in memory. */
    static final int MAX_LOADED = 100_000;
    /**
     * Hash slots kept over all devices (8 bytes each). Beyond it every device is forgotten at once
     * and reloaded from the store at its next send: cruder than evicting the least recently used,
     * and it keeps a cache's per-write bookkeeping (every send is a write here) off the send path.
     */
    private static final long MAX_SLOTS = 2_000_000;

    private record Device(String userId, String deviceId) {
    }

    private final RoomStore store;
    private final int maxLoaded;
    private final Map<Device, Hashes> devices = new ConcurrentHashMap<>();
    private final AtomicLong slots = new AtomicLong();

    KnownTransactions(RoomStore store, int maxLoaded) {
        this.store = store;
        this.maxLoaded = maxLoaded;
    }

    /** False only if the device has surely never used {@code txnId}; true means ask the store. */
    boolean maybeUsed(String userId, String deviceId, String txnId) {
        if (slots.get() > MAX_SLOTS) {
            devices.clear();
            slots.set(0);
        }
        return devices.computeIfAbsent(new Device(userId, deviceId), this::load).maybeContains(hash(txnId));
    }

    /**
     * Records a committed send. Runs after the commit: a load that read the store before the commit
     * installs its hashes first (the map computes one device at a time) and this adds to them.
     */
    void used(String userId, String deviceId, String txnId) {
        devices.computeIfPresent(new Device(userId, deviceId), (device, hashes) -> {
            slots.addAndGet(hashes.add(hash(txnId)));
            return hashes;
        });
    }

    private Hashes load(Device device) {
        List<String> ids = store.transactionIds(device.userId(), device.deviceId(), maxLoaded + 1);
        if (ids.size() > maxLoaded) {
            return Hashes.UNKNOWN;
        }
        Hashes hashes = new Hashes();
        slots.addAndGet(Hashes.INITIAL_SLOTS);
        ids.forEach(id -> slots.addAndGet(hashes.add(hash(id))));
        return hashes;
    }

    private static long hash(String txnId) {
        long h = 1_125_899_906_842_597L;
        for (int i = 0; i < txnId.length(); i++) {
            h = 31 * h + txnId.charAt(i);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h; // 0 marks an empty slot
    }

    /** An open-addressing set of non-zero longs; {@link #UNKNOWN} says "maybe" to everything. */
    private static final class Hashes {
        static final Hashes UNKNOWN = new Hashes();
        static final int INITIAL_SLOTS = 16;
        private long[] slots = new long[INITIAL_SLOTS];
        private int size;

        synchronized boolean maybeContains(long hash) {
            if (this == UNKNOWN) {
                return true;
            }
            for (int i = index(hash, slots.length); slots[i] != 0; i = (i + 1) & (slots.length - 1)) {
                if (slots[i] == hash) {
                    return true;
                }
            }
            return false;
        }

        /** Adds {@code hash}; returns how many slots the table grew by. */
        synchronized int add(long hash) {
            if (this == UNKNOWN) {
                return 0;
            }
            int grown = 0;
            if ((size + 1) * 2 > slots.length) {
                grown = slots.length;
                long[] old = slots;
                slots = new long[old.length * 2];
                size = 0;
                for (long h : old) {
                    if (h != 0) {
                        insert(h);
                    }
                }
            }
            insert(hash);
            return grown;
        }

        private void insert(long hash) {
            int i = index(hash, slots.length);
            while (slots[i] != 0) {
                if (slots[i] == hash) {
                    return;
                }
                i = (i + 1) & (slots.length - 1);
            }
            slots[i] = hash;
            size++;
        }

        private static int index(long hash, int length) {
            return (int) (hash ^ (hash >>> 32)) & (length - 1);
        }
    }
}
