package dev.parley.service.e2ee;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.id.UserId;
import dev.parley.store.E2eeKeyStore;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The key store with each device's key counts kept in memory: every {@code /sync} a device makes
 * reports them ("Extensions to /sync"), and they change only when keys are uploaded or claimed or
 * the device goes. Uploads and claims go through here; the e2ee services forget a user's counts
 * after deleting devices or deactivating the account ({@link #forget}), since their keys go with
 * the device rows ({@code ON DELETE CASCADE}).
 *
 * <p>A count read from the database just before a write commits must not be cached after the
 * writer forgot it: a writer bumps its user's version after its commit and before it forgets, and
 * a reader caches what it read only if the version it saw before reading is still current.
 */
public final class CachedKeyCounts implements E2eeKeyStore {
    /** Users whose counts are kept; each holds the counts of the devices that synced lately. */
    private static final int USERS = 50_000;
    /** Versions are kept per stripe of users, not per user, so they need no eviction of their own. */
    private static final int STRIPES = 1_024;

    private final E2eeKeyStore store;
    private final Cache<UserId, Map<String, KeyCounts>> counts =
            Caffeine.newBuilder().maximumSize(USERS).build();
    private final AtomicLongArray versions = new AtomicLongArray(STRIPES);

    public CachedKeyCounts(E2eeKeyStore store) {
        this.store = store;
    }

    @Override
    public KeyCounts keyCounts(UserId user, String deviceId) {
        Map<String, KeyCounts> known = counts.getIfPresent(user);
        KeyCounts cached = known == null ? null : known.get(deviceId);
        if (cached != null) {
            return cached;
        }
        int stripe = stripe(user);
        long version = versions.get(stripe);
        KeyCounts stored = store.keyCounts(user, deviceId);
        KeyCounts read = new KeyCounts(Collections.unmodifiableMap(new LinkedHashMap<>(stored.oneTimeKeys())),
                List.copyOf(stored.unusedFallbackTypes()));
        counts.asMap().compute(user, (u, devices) -> {
            if (versions.get(stripe) != version) {
                return devices;
            }
            Map<String, KeyCounts> updated = devices == null ? new HashMap<>() : new HashMap<>(devices);
            updated.put(deviceId, read);
            return Map.copyOf(updated);
        });
        return read;
    }

    @Override
    public UploadOutcome upload(UserId user, String deviceId, Optional<ObjectNode> deviceKeys,
                                List<OneTimeKey> oneTimeKeys, List<OneTimeKey> fallbackKeys) {
        try {
            return store.upload(user, deviceId, deviceKeys, oneTimeKeys, fallbackKeys);
        } finally {
            forget(user);
        }
    }

    /** A claim takes one of the device's one-time keys or uses its fallback key: its owner's counts change. */
    @Override
    public Optional<OneTimeKey> claim(UserId user, String deviceId, String algorithm) {
        try {
            return store.claim(user, deviceId, algorithm);
        } finally {
            forget(user);
        }
    }

    @Override
    public List<DeviceKeys> deviceKeys(UserId user, Collection<String> devices) {
        return store.deviceKeys(user, devices);
    }

    /**
     * After a write that may have changed the user's key counts has committed (or failed: a
     * failed commit may still have committed, so this runs either way).
     */
    void forget(UserId user) {
        versions.incrementAndGet(stripe(user));
        counts.invalidate(user);
    }

    private static int stripe(UserId user) {
        return Math.floorMod(user.hashCode(), STRIPES);
    }
}
