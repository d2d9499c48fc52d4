package dev.parley.service.edu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.config.ParleyConfig.PresenceConfig;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.notify.Notifier;
import dev.parley.store.PresenceRow;
import dev.parley.store.PresenceStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence (Client-Server API, "Presence"): set by clients, raised to online by syncing and by
 * pro-active activity (sending events), lowered to unavailable after the idle time-out and to
 * offline when no client has synced for a while. Every change clients should hear of takes the
 * next presence stream position and wakes the long-polls of everyone sharing a room.
 *
 * <p>{@code currently_active} is true while the user was active within the last minute; while it
 * is true, later activity only refreshes {@code last_active_ago} quietly, as the spec lets
 * servers do to avoid a stream of updates.
 */
public final class Presence implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    /** How long after the last activity a user stops being {@code currently_active}. */
    private static final long ACTIVE_WINDOW_MS = 60_000;
    /** Quiet last-active refreshes are written at most this often per user. */
    private static final long TOUCH_INTERVAL_MS = 10_000;
    /** Longest status message accepted: it goes to everyone sharing a room with the user. */
    static final int MAX_STATUS_MSG_LENGTH = 4096;
    private static final int LOCK_STRIPES = 64;

    /** {@code GET /presence/{userId}/status}. */
    public record Status(PresenceState presence, Optional<Long> lastActiveAgo, Optional<String> statusMsg,
                         Optional<Boolean> currentlyActive) {
    }

    private final PresenceConfig config;
    private final PresenceStore store;
    private final Notifier notifier;
    private final Clock clock;
    private final ServerName serverName;
    private final Predicate<UserId> localUserExists;
    private final AtomicLong position;
    /** Every user not offline, as stored, with their last activity possibly newer than stored. */
    private final Map<UserId, PresenceRow> live = new ConcurrentHashMap<>();
    /** Per user: how many syncs are running, and when the last one (or a presence PUT) was seen. */
    private final Map<UserId, Connection> connections = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final ScheduledExecutorService sweeper;

    private static final class Connection {
        int syncing;
        long lastSeen;

        Connection(long lastSeen) {
            this.lastSeen = lastSeen;
        }
    }

    public Presence(PresenceConfig config, PresenceStore store, Notifier notifier, Clock clock, ServerName serverName,
                    Predicate<UserId> localUserExists) {
        this.config = config;
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.serverName = serverName;
        this.localUserExists = localUserExists;
        this.position = new AtomicLong(store.position());
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        long now = clock.millis();
        if (config.enabled()) {
            // Whoever was online before a restart gets the offline time-out to come back.
            for (PresenceRow row : store.notOffline()) {
                live.put(row.userId(), row);
                connections.put(row.userId(), new Connection(now));
            }
        }
        long period = Math.max(50, Math.min(5_000, Math.min(config.idleTimeoutMs(), config.offlineTimeoutMs()) / 4));
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("presence-timeouts").factory());
        if (config.enabled()) {
            sweeper.scheduleWithFixedDelay(this::sweepSafely, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * {@code PUT /presence/{userId}/status}. Setting {@code online} counts as activity; the status
     * message is replaced (cleared when absent).
     *
     * @throws MatrixException {@code M_FORBIDDEN} for another user
     */
    public void set(UserId requester, UserId target, PresenceState state, Optional<String> statusMsg) {
        if (!requester.equals(target)) {
            throw MatrixException.forbidden("You cannot set the presence state of another user");
        }
        if (statusMsg.isPresent() && statusMsg.get().length() > MAX_STATUS_MSG_LENGTH) {
            throw MatrixException.invalidParam("status_msg is longer than " + MAX_STATUS_MSG_LENGTH + " characters");
        }
        if (!config.enabled()) {
            return;
        }
        long now = clock.millis();
        withLock(target, () -> {
            connection(target).lastSeen = now;
            PresenceRow current = current(target);
            boolean online = state == PresenceState.ONLINE;
            write(target, state, statusMsg, online ? now : current.lastActiveTs(), online);
        });
    }

    /**
     * {@code GET /presence/{userId}/status}: for the user themselves and those sharing a room.
     *
     * @throws MatrixException {@code M_NOT_FOUND} for an unknown user, {@code M_FORBIDDEN} for one
     *     sharing no room with the requester
     */
    public Status get(UserId requester, UserId target) {
        if (!target.server().equals(serverName) || !localUserExists.test(target)) {
            throw MatrixException.notFound("No presence for this user");
        }
        if (!requester.equals(target) && !store.shareARoom(requester, target)) {
            throw MatrixException.forbidden("You are not allowed to see their presence");
        }
        if (!config.enabled()) {
            return new Status(PresenceState.OFFLINE, Optional.empty(), Optional.empty(), Optional.empty());
        }
        PresenceRow row = Optional.ofNullable(live.get(target)).or(() -> store.get(target))
                .orElse(null);
        if (row == null) {
            return new Status(PresenceState.OFFLINE, Optional.empty(), Optional.empty(), Optional.empty());
        }
        PresenceState state = PresenceState.parse(row.state());
        return new Status(state, Optional.of(Math.max(0, clock.millis() - row.lastActiveTs())), row.statusMsg(),
                state == PresenceState.ONLINE ? Optional.of(row.currentlyActive()) : Optional.empty());
    }

    /**
     * A {@code /sync} starts; {@code setPresence} is its {@code set_presence} ({@code online} when
     * absent). {@code offline} changes nothing and does not count as being connected; otherwise
     * the user counts as connected until {@link #syncEnded}, an offline user becomes online (or
     * unavailable, when asked), and an idle user stays unavailable: syncing is not activity.
     */
    public void syncStarted(UserId user, PresenceState setPresence) {
        if (!config.enabled() || setPresence == PresenceState.OFFLINE) {
            return;
        }
        long now = clock.millis();
        withLock(user, () -> {
            Connection connection = connection(user);
            connection.syncing++;
            connection.lastSeen = now;
            PresenceRow current = current(user);
            if (PresenceState.parse(current.state()) == PresenceState.OFFLINE) {
                boolean online = setPresence == PresenceState.ONLINE;
                write(user, setPresence, current.statusMsg(), online ? now : current.lastActiveTs(), online);
            }
        });
    }

    /** The sync started with the same {@code setPresence} ended. */
    public void syncEnded(UserId user, PresenceState setPresence) {
        if (!config.enabled() || setPresence == PresenceState.OFFLINE) {
            return;
        }
        long now = clock.millis();
        withLock(user, () -> {
            Connection connection = connection(user);
            connection.syncing = Math.max(0, connection.syncing - 1);
            connection.lastSeen = now;
        });
    }

    /** The user did something pro-active (sent an event): they are online and active now. */
    public void active(UserId user) {
        if (!config.enabled() || !user.server().equals(serverName)) {
            return;
        }
        long now = clock.millis();
        withLock(user, () -> {
            PresenceRow current = current(user);
            if (!current.state().equals(PresenceState.ONLINE.wire()) || !current.currentlyActive()) {
                write(user, PresenceState.ONLINE, current.statusMsg(), now, true);
            } else if (now - current.lastActiveTs() >= TOUCH_INTERVAL_MS) {
                store.touch(user, now);
                live.put(user, new PresenceRow(user, current.state(), current.statusMsg(), now, true, current.streamPos()));
            }
        });
    }

    /** The highest presence stream position every write below has committed at. */
    public long position() {
        return position.get();
    }

    /**
     * The {@code m.presence} events for {@code observer}: changes in ({@code after}, {@code upTo}]
     * of users sharing a room with them (themselves included), plus the current presence of the
     * members of {@code newRooms}, rooms the observer has just joined. An initial sync
     * ({@code after} 0) leaves out users who are offline.
     */
    public List<ObjectNode> events(UserId observer, long after, long upTo, Collection<RoomId> newRooms) {
        if (!config.enabled()) {
            return List.of();
        }
        Map<UserId, PresenceRow> latest = new java.util.LinkedHashMap<>();
        if (after < upTo) {
            store.visibleTo(observer, after, upTo).forEach(row -> latest.put(row.userId(), row));
        }
        if (!newRooms.isEmpty()) {
            store.joinedMembersOf(newRooms).forEach(row -> latest.putIfAbsent(row.userId(), row));
        }
        long now = clock.millis();
        List<ObjectNode> events = new ArrayList<>();
        for (PresenceRow row : latest.values()) {
            if (after == 0 && row.state().equals(PresenceState.OFFLINE.wire())) {
                continue;
            }
            // "The last active time must be up to date whenever the server gives a presence event."
            PresenceRow fresher = live.get(row.userId());
            long lastActive = fresher == null ? row.lastActiveTs() : Math.max(row.lastActiveTs(), fresher.lastActiveTs());
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("type", "m.presence");
            event.put("sender", row.userId().value());
            ObjectNode content = event.putObject("content");
            content.put("presence", row.state());
            content.put("last_active_ago", Math.max(0, now - lastActive));
            row.statusMsg().ifPresent(msg -> content.put("status_msg", msg));
            if (row.state().equals(PresenceState.ONLINE.wire())) {
                content.put("currently_active", row.currentlyActive());
            }
            events.add(event);
        }
        return events;
    }

    /** Idle, inactive and disconnected users move down; run by the sweeper thread. */
    void sweep() {
        long now = clock.millis();
        long activeWindow = Math.min(ACTIVE_WINDOW_MS, config.idleTimeoutMs());
        for (UserId user : List.copyOf(live.keySet())) {
            withLock(user, () -> {
                PresenceRow row = live.get(user);
                if (row == null) {
                    return;
                }
                Connection connection = connection(user);
                PresenceState state = PresenceState.parse(row.state());
                long inactive = now - row.lastActiveTs();
                if (connection.syncing == 0 && now - connection.lastSeen >= config.offlineTimeoutMs()) {
                    write(user, PresenceState.OFFLINE, row.statusMsg(), row.lastActiveTs(), false);
                } else if (state == PresenceState.ONLINE && inactive >= config.idleTimeoutMs()) {
                    write(user, PresenceState.UNAVAILABLE, row.statusMsg(), row.lastActiveTs(), false);
                } else if (state == PresenceState.ONLINE && row.currentlyActive() && inactive >= activeWindow) {
                    write(user, PresenceState.ONLINE, row.statusMsg(), row.lastActiveTs(), false);
                }
            });
        }
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Presence time-outs failed; retrying on the next round", e);
        }
    }

    /** Called under the user's lock: store, remember, and tell everyone who may see it. */
    private void write(UserId user, PresenceState state, Optional<String> statusMsg, long lastActiveTs,
                       boolean currentlyActive) {
        long written = store.put(user, state.wire(), statusMsg, lastActiveTs, currentlyActive);
        position.accumulateAndGet(written, Math::max);
        PresenceRow row = new PresenceRow(user, state.wire(), statusMsg, lastActiveTs, currentlyActive, written);
        if (state == PresenceState.OFFLINE) {
            live.remove(user);
            connections.computeIfPresent(user, (u, c) -> c.syncing == 0 ? null : c);
        } else {
            live.put(user, row);
        }
        store.observers(user).forEach(notifier::userChanged);
    }

    /** Called under the user's lock. */
    private PresenceRow current(UserId user) {
        PresenceRow row = live.get(user);
        if (row != null) {
            return row;
        }
        return store.get(user).orElse(new PresenceRow(user, PresenceState.OFFLINE.wire(), Optional.empty(),
                clock.millis(), false, 0));
    }

    private Connection connection(UserId user) {
        return connections.computeIfAbsent(user, u -> new Connection(clock.millis()));
    }

    private void withLock(UserId user, Runnable work) {
        ReentrantLock lock = locks[Math.floorMod(user.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
