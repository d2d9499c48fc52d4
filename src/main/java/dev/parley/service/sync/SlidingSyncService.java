package dev.parley.service.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.json.Json;
import dev.parley.service.e2ee.DeviceLists;
import dev.parley.service.notify.Notifier;
import dev.parley.service.room.EventPipeline;
import dev.parley.service.sync.SlidingConnections.Resumed;
import dev.parley.service.sync.SlidingConnections.SentRoom;
import dev.parley.service.sync.SlidingConnections.Snapshot;
import dev.parley.service.sync.SlidingRoomList.Selection;
import dev.parley.store.RoomListStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simplified sliding sync (MSC4186, what Element X speaks):
 * {@code POST /_matrix/client/unstable/org.matrix.simplified_msc3575/sync}. Each response covers
 * the rooms the request's lists and subscriptions select that are new to the connection or
 * changed since its previous response, plus the enabled extensions; with a {@code pos} and a
 * {@code timeout} it long-polls on the {@link Notifier} while there is nothing to say.
 */
public final class SlidingSyncService {
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final SlidingConnections connections = new SlidingConnections();
    private final SlidingRoomList roomList;
    private final SlidingRoomResults results;
    private final SlidingExtensions extensions;
    private final RoomListStore listStore;
    private final UnreadCounts unreadCounts;
    private final EventPipeline pipeline;
    private final EphemeralStreams streams;
    private final Notifier notifier;

    public SlidingSyncService(RoomSyncParts parts, RoomListStore listStore, UnreadCounts unreadCounts,
                              EphemeralStreams streams, DeviceLists deviceLists, Notifier notifier) {
        this.roomList = new SlidingRoomList(listStore, parts.rooms(), parts.accountData());
        this.results = new SlidingRoomResults(parts, listStore);
        this.extensions = new SlidingExtensions(parts.accountData(), streams, deviceLists);
        this.listStore = listStore;
        this.unreadCounts = unreadCounts;
        this.pipeline = parts.pipeline();
        this.streams = streams;
        this.notifier = notifier;
    }

    public ObjectNode sync(SlidingSyncRequest request) throws InterruptedException {
        // Look the pos up before anything else: an unknown one answers M_UNKNOWN_POS at once.
        Resumed resumed = connections.resume(request.user(), request.deviceId(), request.connId(), request.pos());
        streams.presence().syncStarted(request.user(), request.setPresence());
        try {
            Built built = build(request, resumed.snapshot());
            Duration timeout = request.timeout().compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : request.timeout();
            if (built.news() || request.pos().isEmpty() || timeout.isZero()) {
                return finish(resumed, built);
            }
            List<RoomId> watched = built.selection().all().values().stream().filter(SlidingRoomList.Entry::joined)
                    .map(SlidingRoomList.Entry::roomId).toList();
            Notifier.Waiter waiter = notifier.register(request.user(), watched);
            try {
                // Registered first, then looked again: nothing can slip between the look and the wait.
                built = build(request, resumed.snapshot());
                if (!built.news() && waiter.await(timeout)) {
                    built = build(request, resumed.snapshot());
                }
            } finally {
                notifier.cancel(waiter);
            }
            return finish(resumed, built);
        } finally {
            streams.presence().syncEnded(request.user(), request.setPresence());
        }
    }

    private record Built(ObjectNode response, Snapshot next, boolean news, Selection selection) {
    }

    private ObjectNode finish(Resumed resumed, Built built) {
        String pos = resumed.connection().advance(resumed.step(), built.next());
        built.response().put("pos", pos);
        return built.response();
    }

    private Built build(SlidingSyncRequest request, Snapshot before) {
        // Every stream's position is read before its data, so what is read is at least up to it.
        long eventsNow = pipeline.currentPosition();
        SlidingExtensions.Positions positions = extensions.positions(request.user());
        Selection selection = roomList.select(request.user(), request, before.rooms().keySet(), eventsNow);
        List<RoomId> joined = selection.rooms().values().stream().filter(s -> s.entry().joined())
                .map(s -> s.entry().roomId()).toList();
        Map<RoomId, Long> unread = unreadCounts.counts(request.user(), joined, eventsNow);

        ObjectNode response = Json.MAPPER.createObjectNode();
        ObjectNode lists = response.putObject("lists");
        selection.counts().forEach((name, count) -> lists.putObject(name).put("count", count));
        ObjectNode rooms = response.putObject("rooms");
        Map<RoomId, SentRoom> sent = new HashMap<>(before.rooms());
        Map<RoomId, Set<EventId>> fresh = new HashMap<>();
        Map<RoomId, SlidingRoomResults.Built> built = results.build(request.user(), selection.rooms().values(),
                before.rooms(), eventsNow, before.events(), selection.dms(), unread);
        for (Map.Entry<RoomId, SlidingRoomResults.Built> entry : built.entrySet()) {
            RoomId room = entry.getKey();
            SlidingRoomResults.Built result = entry.getValue();
            result.result().ifPresent(json -> rooms.set(room.value(), json));
            sent.put(room, result.sent());
            if (result.initial()) {
                fresh.put(room, result.timeline());
            }
        }
        // Rooms the user is no longer in at all (forgotten, or never more than a rejected invite) are forgotten here too.
        sent.keySet().retainAll(selection.all().keySet());
        SlidingExtensions.Result ext = extensions.build(request, before, positions, selection.rooms(), fresh);
        response.set("extensions", ext.extensions());
        boolean news = !rooms.isEmpty() || ext.news() || !selection.counts().equals(before.listCounts());
        Snapshot next = new Snapshot(eventsNow, positions, Map.copyOf(sent), Map.copyOf(selection.counts()));
        return new Built(response, next, news, selection);
    }
}
