package dev.parley.core.state;

import dev.parley.core.auth.EventSource;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The events one resolution reads, fetched from the {@link EventSource} at most once each, and
 * the auth-chain walks the steps share. Unknown events are skipped, as if absent from the DAG.
 */
final class ResolutionEvents implements EventSource {
    private final EventSource source;
    private final Map<EventId, Pdu> fetched = new HashMap<>();
    private final Map<EventId, Boolean> rejected = new HashMap<>();

    ResolutionEvents(EventSource source) {
        this.source = source;
    }

    /** The event, or null if unknown. */
    Pdu get(EventId id) {
        Pdu event = fetched.get(id);
        if (event == null && !fetched.containsKey(id)) {
            event = source.event(id).orElse(null);
            fetched.put(id, event);
        }
        return event;
    }

    @Override
    public Optional<Pdu> event(EventId id) {
        return Optional.ofNullable(get(id));
    }

    @Override
    public boolean isRejected(EventId id) {
        return rejected.computeIfAbsent(id, source::isRejected);
    }

    /**
     * Visits the auth chains of {@code seeds} (not the seeds themselves, unless reached from
     * another seed), each event once. The walk does not enter {@code boundary} events; use
     * {@link Set#of()} for a complete walk. Returns the visited IDs, including any unknown ones.
     */
    Set<EventId> walkAuthChains(Collection<EventId> seeds, Set<EventId> boundary, Consumer<Pdu> visitor) {
        return walkAuthChains(seeds, true, boundary, visitor);
    }

    /**
     * As {@link #walkAuthChains(Collection, Set, Consumer)}; with {@code memoise} false the events
     * are read straight from the source and not kept, for the walk from the whole room state,
     * whose events the later steps rarely need again.
     */
    Set<EventId> walkAuthChains(Collection<EventId> seeds, boolean memoise, Set<EventId> boundary,
                                Consumer<Pdu> visitor) {
        Set<EventId> visited = new HashSet<>(Math.max(16, seeds.size() * 2));
        ArrayDeque<EventId> todo = new ArrayDeque<>();
        for (EventId seed : seeds) {
            enqueueAuthEvents(memoise ? get(seed) : source.event(seed).orElse(null), boundary, visited, todo);
        }
        while (!todo.isEmpty()) {
            Pdu event = memoise ? get(todo.pop()) : source.event(todo.pop()).orElse(null);
            if (event != null) {
                visitor.accept(event);
                enqueueAuthEvents(event, boundary, visited, todo);
            }
        }
        return visited;
    }

    private static void enqueueAuthEvents(Pdu event, Set<EventId> boundary, Set<EventId> visited,
                                          ArrayDeque<EventId> todo) {
        if (event == null) {
            return;
        }
        for (EventId auth : event.authEvents()) {
            if (!boundary.contains(auth) && visited.add(auth)) {
                todo.push(auth);
            }
        }
    }
}
