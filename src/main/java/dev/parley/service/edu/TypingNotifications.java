package dev.parley.service.edu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.notify.Notifier;
import dev.parley.service.room.Memberships;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Who is typing where (Client-Server API, "Typing Notifications"), in memory only: each typing
 * user has a deadline, and a timer removes them when it passes. Every change of a room's list
 * takes the next typing stream position; {@code /sync} sends a room's whole list (clients
 * replace theirs) when its position is past the client's token.
 *
 * <p>The stream starts at the clock's milliseconds, so positions keep growing across restarts
 * and a token from before a restart never hides a change made after it.
 */
public final class TypingNotifications implements AutoCloseable {
    /** Clients re-send every 20-30 s; a longer timeout would leave a crashed client "typing" for long. */
    static final long MAX_TIMEOUT_MS = 120_000;
    /** A timer this close to a deadline is the deadline's own timer, run early by clock skew, not an obsolete one. */
    private static final long EARLY_TIMER_MS = 50;

    /** A room's typing users at the position of its last change. */
    public record RoomTyping(long position, List<UserId> userIds) {
    }

    /** Every asked-for room's typing state, read at one stream position. */
    public record Snapshot(long position, Map<RoomId, RoomTyping> rooms) {
        /**
         * The {@code m.typing} event of each room whose typing changed after {@code since}, and of
         * each room new to the client ({@code isNew}) where someone types now. Positions live in
         * memory, so a {@code since} ahead of this snapshot (from before a restart) counts as 0.
         */
        public Map<RoomId, ObjectNode> eventsSince(long since, Predicate<RoomId> isNew) {
            long after = since <= position ? since : 0;
            Map<RoomId, ObjectNode> out = new HashMap<>();
            rooms.forEach((room, state) -> {
                if (isNew.test(room) ? !state.userIds().isEmpty() : state.position() > after) {
                    ObjectNode event = Json.MAPPER.createObjectNode().put("type", "m.typing");
                    ArrayNode ids = event.putObject("content").putArray("user_ids");
                    state.userIds().forEach(id -> ids.add(id.value()));
                    out.put(room, event);
                }
            });
            return out;
        }
    }

    private static final class Room {
        final Map<UserId, Long> deadlines = new LinkedHashMap<>();
        long position;
    }

    private final Memberships memberships;
    private final Notifier notifier;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<RoomId, Room> rooms = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("typing-timeouts").factory());
    private long position;

    public TypingNotifications(Memberships memberships, Notifier notifier, Clock clock) {
        this.memberships = memberships;
        this.notifier = notifier;
        this.clock = clock;
        this.position = clock.millis();
    }

    /**
     * {@code PUT /rooms/{roomId}/typing/{userId}}.
     *
     * @throws MatrixException {@code M_FORBIDDEN} for another user, or a room the user is not joined to
     */
    public void set(UserId requester, UserId target, RoomId room, boolean typing, long timeoutMs) {
        if (!requester.equals(target)) {
            throw MatrixException.forbidden("Cannot set another user's typing state");
        }
        if (!memberships.membership(room, target).orElse("").equals("join")) {
            throw MatrixException.forbidden("You are not in this room");
        }
        if (typing) {
            long timeout = Math.max(0, Math.min(MAX_TIMEOUT_MS, timeoutMs));
            start(room, target, clock.millis() + timeout);
            timer.schedule(() -> expire(room, target), timeout, TimeUnit.MILLISECONDS);
        } else {
            stop(room, target);
        }
    }

    /** The user no longer types in the room (they stopped, or left it). */
    public void stop(RoomId room, UserId user) {
        boolean changed;
        lock.lock();
        try {
            Room r = rooms.get(room);
            changed = r != null && r.deadlines.remove(user) != null;
            if (changed) {
                changed(r);
            }
        } finally {
            lock.unlock();
        }
        if (changed) {
            notifier.roomChanged(room);
        }
    }

    public long position() {
        lock.lock();
        try {
            return position;
        } finally {
            lock.unlock();
        }
    }

    /** The typing state of those of {@code rooms} where anyone typed since the server started. */
    public Snapshot snapshot(Collection<RoomId> wanted) {
        lock.lock();
        try {
            Map<RoomId, RoomTyping> out = new HashMap<>();
            for (RoomId id : wanted) {
                Room r = rooms.get(id);
                if (r != null) {
                    out.put(id, new RoomTyping(r.position, List.copyOf(r.deadlines.keySet())));
                }
            }
            return new Snapshot(position, out);
        } finally {
            lock.unlock();
        }
    }

    private void start(RoomId room, UserId user, long deadline) {
        boolean changed;
        lock.lock();
        try {
            Room r = rooms.computeIfAbsent(room, k -> new Room());
            changed = r.deadlines.put(user, deadline) == null;
            if (changed) {
                changed(r);
            }
        } finally {
            lock.unlock();
        }
        if (changed) {
            notifier.roomChanged(room);
        }
    }

    /**
     * A timeout fired: the user stops typing, unless they said they were typing again since (a
     * later timer is then due) or the timer ran a little early by this clock (it is re-armed).
     */
    private void expire(RoomId room, UserId user) {
        boolean changed = false;
        lock.lock();
        try {
            Room r = rooms.get(room);
            Long deadline = r == null ? null : r.deadlines.get(user);
            long now = clock.millis();
            if (deadline != null && deadline <= now) {
                r.deadlines.remove(user);
                changed(r);
                changed = true;
            } else if (deadline != null && deadline - now <= EARLY_TIMER_MS && !timer.isShutdown()) {
                timer.schedule(() -> expire(room, user), deadline - now, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        if (changed) {
            notifier.roomChanged(room);
        }
    }

    /** Called under the lock. A room nobody types in keeps its entry: its last position still counts. */
    private void changed(Room r) {
        r.position = ++position;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
