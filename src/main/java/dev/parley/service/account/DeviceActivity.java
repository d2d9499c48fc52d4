package dev.parley.service.account;

import dev.parley.core.id.UserId;
import dev.parley.store.DeviceStore;
import dev.parley.store.DeviceStore.LastSeen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When and from where each device was last seen. Requests only touch memory; the latest value
 * per device is written in one batch every flush interval and at shutdown, so a busy client
 * costs no database writes per request.
 */
public final class DeviceActivity implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeviceActivity.class);

    private record Key(UserId userId, String deviceId) {
    }

    private final DeviceStore devices;
    private final Map<Key, LastSeen> pending = new ConcurrentHashMap<>();
    private final Map<Key, LastSeen> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    public DeviceActivity(DeviceStore devices, long flushIntervalMs) {
        this.devices = devices;
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("device-activity").daemon(true).factory());
        flusher.scheduleWithFixedDelay(this::flushQuietly, flushIntervalMs, flushIntervalMs, TimeUnit.MILLISECONDS);
    }

    void record(UserId userId, String deviceId, long ts, String ip, String userAgent) {
        LastSeen seen = new LastSeen(userId, deviceId, ts, ip, userAgent);
        Key key = new Key(userId, deviceId);
        pending.put(key, seen);
        latest.put(key, seen);
    }

    /** The most recent sighting not yet (or just) written, if any. */
    public Optional<LastSeen> latest(UserId userId, String deviceId) {
        return Optional.ofNullable(latest.get(new Key(userId, deviceId)));
    }

    /** Writes every pending sighting in one transaction. */
    public void flush() {
        List<LastSeen> batch = new ArrayList<>();
        for (Key key : new ArrayList<>(pending.keySet())) {
            LastSeen seen = pending.remove(key);
            if (seen != null) {
                batch.add(seen);
            }
        }
        try {
            devices.recordLastSeen(batch);
        } catch (RuntimeException e) {
            batch.forEach(seen -> pending.putIfAbsent(new Key(seen.userId(), seen.deviceId()), seen));
            throw e;
        }
        // Written values are in the database now; keep memory bounded by active devices.
        batch.forEach(seen -> latest.remove(new Key(seen.userId(), seen.deviceId()), seen));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("could not record device activity; will retry", e);
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
