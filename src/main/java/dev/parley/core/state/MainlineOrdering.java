package dev.parley.core.state;

import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * State resolution v2, "Mainline ordering": with P<sub>0</sub> the power levels event of the
 * partially resolved state, its mainline is P<sub>0</sub>, the power levels event in its
 * {@code auth_events} P<sub>1</sub>, and so on. An event's mainline position is the index of the
 * first mainline event met by following power levels {@code auth_events} from it (∞ if none).
 * Events sort by greater position first, then smaller {@code origin_server_ts}, then smaller
 * {@code event_id}. Positions of power levels events are memoised, so each is walked once.
 */
final class MainlineOrdering {
    private static final long INFINITY = Long.MAX_VALUE;

    private final ResolutionEvents events;
    private final Map<EventId, Long> positions = new HashMap<>();

    private MainlineOrdering(ResolutionEvents events, EventId powerLevels) {
        this.events = events;
        long index = 0;
        Set<EventId> seen = new HashSet<>();
        for (EventId p = powerLevels; p != null && seen.add(p); p = powerLevelsAuthEvent(p)) {
            positions.put(p, index++);
        }
    }

    /** {@code remaining} ordered by the mainline of {@code powerLevels} (null: the state has none). */
    static List<EventId> sort(Collection<EventId> remaining, EventId powerLevels, ResolutionEvents events) {
        MainlineOrdering mainline = new MainlineOrdering(events, powerLevels);
        record Key(EventId id, long position, long originServerTs) {
        }
        List<Key> keys = new ArrayList<>(remaining.size());
        for (EventId id : remaining) {
            Pdu event = events.get(id);
            keys.add(new Key(id, mainline.position(event), event.originServerTs()));
        }
        keys.sort(Comparator.comparingLong((Key k) -> k.position).reversed()
                .thenComparingLong(k -> k.originServerTs)
                .thenComparing(k -> k.id.value()));
        List<EventId> sorted = new ArrayList<>(keys.size());
        keys.forEach(k -> sorted.add(k.id));
        return sorted;
    }

    /** The mainline position of {@code event}: the first mainline event among e<sub>1</sub>, e<sub>2</sub>, .... */
    private long position(Pdu event) {
        List<EventId> path = new ArrayList<>();
        EventId p = powerLevelsAuthEvent(event);
        long position = INFINITY;
        while (p != null) {
            Long known = positions.get(p);
            if (known != null) {
                position = known;
                break;
            }
            if (path.contains(p)) {
                break;
            }
            path.add(p);
            p = powerLevelsAuthEvent(p);
        }
        // Every power levels event walked has the same answer: its chain meets the mainline there.
        for (EventId walked : path) {
            positions.put(walked, position);
        }
        return position;
    }

    private EventId powerLevelsAuthEvent(EventId id) {
        Pdu event = events.get(id);
        return event == null ? null : powerLevelsAuthEvent(event);
    }

    private EventId powerLevelsAuthEvent(Pdu event) {
        for (EventId auth : event.authEvents()) {
            Pdu candidate = events.get(auth);
            if (candidate != null && candidate.isState(StateKey.POWER_LEVELS, "")) {
                return auth;
            }
        }
        return null;
    }
}
