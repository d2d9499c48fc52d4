package dev.parley.service.sync;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.service.room.StateGroups;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The timelines and state of a sliding sync response's rooms, read for all of them together:
 * one query per distinct timeline window (rooms sent afresh all share one), at most one per
 * distinct position for the state of rooms whose timeline did not show it, and one walk of the
 * state groups. A response's cost in round trips so does not grow with its number of rooms.
 */
final class SlidingRoomReads {
    /**
     * A room's timeline: its events in ({@code from}, {@code upTo}], the newest {@code limit} of them.
     *
     * @param initial whether the room is sent afresh (no state to compare with)
     */
    record Window(RoomId room, long from, long upTo, int limit, boolean initial) {
    }

    private record Range(long from, long upTo, int limit) {
    }

    private final RoomStore rooms;
    private final StateGroups stateGroups;

    SlidingRoomReads(RoomStore rooms, StateGroups stateGroups) {
        this.rooms = rooms;
        this.stateGroups = stateGroups;
    }

    /** What was read for the windows' rooms. */
    static final class Read {
        private final Map<RoomId, List<StoredEvent>> timelines = new HashMap<>();
        private final Set<RoomId> limited = new HashSet<>();
        private final Map<RoomId, Long> groupsNow = new HashMap<>();
        private final Map<RoomId, Long> groupsThen = new HashMap<>();
        private Map<Long, Map<StateKey, EventId>> states = Map.of();

        /** The room's timeline events, oldest first, without the one before them that tells it is cut. */
        List<StoredEvent> timeline(RoomId room) {
            return timelines.getOrDefault(room, List.of());
        }

        /** Whether there were more events in the window than its limit. */
        boolean limited(RoomId room) {
            return limited.contains(room);
        }

        /** The room's state at the end of its window (after the newest event up to it). */
        Map<StateKey, EventId> now(RoomId room) {
            return state(groupsNow.get(room));
        }

        /** The room's state at the start of its window, as the client was last sent it (empty if sent afresh). */
        Map<StateKey, EventId> then(RoomId room) {
            return state(groupsThen.get(room));
        }

        /** The state of a state group read here. */
        Map<StateKey, EventId> state(Long group) {
            return group == null ? Map.of() : states.getOrDefault(group, Map.of());
        }
    }

    Read read(List<Window> windows) {
        Read read = new Read();
        Map<Range, List<RoomId>> byRange = new HashMap<>();
        windows.forEach(w -> byRange.computeIfAbsent(new Range(w.from(), w.upTo(), w.limit()), r -> new ArrayList<>())
                .add(w.room()));
        Map<RoomId, List<StoredEvent>> recent = new HashMap<>();
        byRange.forEach((range, rooms) -> recent.putAll(this.rooms.recentEvents(rooms, range.from(), range.upTo(),
                range.limit())));

        Map<RoomId, Long> lookUpNow = new HashMap<>();
        Map<RoomId, Long> lookUpThen = new HashMap<>();
        for (Window w : windows) {
            List<StoredEvent> events = new ArrayList<>(recent.getOrDefault(w.room(), List.of()));
            if (events.isEmpty()) {
                lookUpNow.put(w.room(), w.upTo());
            } else {
                // The newest event of the window is the newest up to its end.
                read.groupsNow.put(w.room(), events.getLast().stateGroup());
            }
            if (events.size() > w.limit()) {
                events.removeFirst();
                read.limited.add(w.room());
            }
            read.timelines.put(w.room(), events);
            if (!w.initial()) {
                lookUpThen.put(w.room(), w.from());
            }
        }
        read.groupsNow.putAll(groupsAt(lookUpNow));
        read.groupsThen.putAll(groupsAt(lookUpThen));

        Set<Long> groups = new HashSet<>(read.groupsNow.values());
        groups.addAll(read.groupsThen.values());
        read.timelines.values().forEach(events -> events.forEach(e -> groups.add(e.stateGroup())));
        read.states = stateGroups.getAll(groups);
        return read;
    }

    /** Each room's state group after its newest event at or before its position; rooms without one are absent. */
    private Map<RoomId, Long> groupsAt(Map<RoomId, Long> positions) {
        Map<Long, List<RoomId>> byPosition = new HashMap<>();
        positions.forEach((room, position) -> byPosition.computeIfAbsent(position, p -> new ArrayList<>()).add(room));
        Map<RoomId, Long> out = new HashMap<>();
        byPosition.forEach((position, roomIds) -> rooms.recentEvents(roomIds, 0, position, 0)
                .forEach((room, newest) -> out.put(room, newest.getLast().stateGroup())));
        return out;
    }
}
