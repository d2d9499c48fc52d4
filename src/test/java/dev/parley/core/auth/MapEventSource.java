package dev.parley.core.auth;

import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory {@link EventSource} for tests and benchmarks. */
public final class MapEventSource implements EventSource {
    private final Map<EventId, Pdu> events = new HashMap<>();
    private final Set<EventId> rejected = new HashSet<>();

    public MapEventSource add(Pdu event) {
        events.put(event.eventId(), event);
        return this;
    }

    public MapEventSource reject(EventId id) {
        rejected.add(id);
        return this;
    }

    @Override
    public Optional<Pdu> event(EventId id) {
        return Optional.ofNullable(events.get(id));
    }

    @Override
    public boolean isRejected(EventId id) {
        return rejected.contains(id);
    }
}
