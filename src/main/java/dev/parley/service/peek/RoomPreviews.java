package dev.parley.service.peek;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.RoomInitialSync;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.accountdata.AccountDataService;
import dev.parley.service.edu.Presence;
import dev.parley.service.edu.Receipts;
import dev.parley.service.notify.Notifier;
import dev.parley.service.room.Direction;
import dev.parley.service.room.EventFormatter;
import dev.parley.service.room.EventPipeline;
import dev.parley.service.room.HistoryVisibility;
import dev.parley.service.room.PaginationToken;
import dev.parley.service.room.RoomDirectory;
import dev.parley.service.room.RoomEventFilter;
import dev.parley.service.room.RoomHistory;
import dev.parley.service.room.RoomPower;
import dev.parley.service.room.RoomReads;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Room previews (Client-Server API, "Room Previews"): a snapshot of one room through
 * {@code GET /rooms/{roomId}/initialSync}, then its new events through {@code GET /events?room_id=}
 * ({@code peekEvents}), long-polling like {@code /sync}. Members use them as well; users who have
 * not joined see only what history visibility shows them, which for a room they were never in
 * means the events whose state had {@code world_readable} history ("Server behaviour": "servers are
 * required to only return events where the room state at the event had the
 * m.room.history_visibility state event present with history_visibility value world_readable").
 */
public final class RoomPreviews {
    /** How many recent events the snapshot carries (Synapse's default page for this endpoint). */
    static final int SNAPSHOT_MESSAGES = 10;
    /** The most events one {@code /events} answer carries; a client further behind skips to the newest. */
    static final int MAX_EVENTS = 100;
    /** Synapse's default long-poll of {@code /events} when no {@code timeout} is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final Set<String> SPEC_MEMBERSHIPS = Set.of("invite", "join", "leave", "ban");

    private final RoomStore store;
    private final RoomPower power;
    private final EventPipeline pipeline;
    private final HistoryVisibility visibility;
    private final EventFormatter formatter;
    private final RoomHistory history;
    private final RoomReads reads;
    private final RoomDirectory directory;
    private final Receipts receipts;
    private final Presence presence;
    private final AccountDataService accountData;
    private final Notifier notifier;

    public RoomPreviews(RoomStore store, EventPipeline pipeline, HistoryVisibility visibility, EventFormatter formatter,
                        RoomHistory history, RoomReads reads, RoomDirectory directory, Receipts receipts,
                        Presence presence, AccountDataService accountData, Notifier notifier) {
        this.store = store;
        this.power = new RoomPower(store);
        this.pipeline = pipeline;
        this.visibility = visibility;
        this.formatter = formatter;
        this.history = history;
        this.reads = reads;
        this.directory = directory;
        this.receipts = receipts;
        this.presence = presence;
        this.accountData = accountData;
        this.notifier = notifier;
    }

    /** One {@code /events} answer: {@code start} is the {@code from} given (or now), {@code end} the next {@code from}. */
    public record Events(String start, String end, List<ObjectNode> chunk) {
    }

    /**
     * {@code GET /events?room_id=}: the room's events after {@code from} (from now when absent),
     * waiting up to {@code timeout} for one to arrive. Tokens are stream tokens ({@code s<n>}), which
     * {@code /messages} reads too; a topological one (the {@code end} of a former member's
     * snapshot) is read by its stream position.
     *
     * @throws dev.parley.core.error.MatrixException {@code M_FORBIDDEN} unless the user may read the
     *     room (a member, a former member, or anyone while it is world-readable); {@code M_INVALID_PARAM}
     *     for a token that is neither
     */
    public Events events(UserId user, RoomId room, Optional<String> from, Duration timeout) throws InterruptedException {
        history.requireReadable(room, user);
        long after = from.map(token -> switch (PaginationToken.parse(token)) {
            case PaginationToken.Stream s -> s.stream();
            case PaginationToken.Topological t -> t.stream();
        }).orElseGet(pipeline::currentPosition);
        String start = from.orElseGet(() -> new PaginationToken.Stream(after).toString());
        long deadline = System.nanoTime() + (timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout).toNanos();
        Batch batch = batch(user, room, after);
        // The waiter also wakes for what concerns the user elsewhere (account data, invites) and for
        // events this user may not see: those answer nothing here, so the wait goes on.
        while (batch.chunk().isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Notifier.Waiter waiter = notifier.register(user, List.of(room));
            try {
                // Registered first, then looked again: nothing can slip between the look and the wait.
                batch = batch(user, room, after);
                if (batch.chunk().isEmpty() && !waiter.await(Duration.ofNanos(left))) {
                    break;
                }
                batch = batch(user, room, after);
            } finally {
                notifier.cancel(waiter);
            }
        }
        return new Events(start, new PaginationToken.Stream(batch.end()).toString(), batch.chunk());
    }

    private record Batch(List<ObjectNode> chunk, long end) {
    }

    private Batch batch(UserId user, RoomId room, long after) {
        long upTo = pipeline.currentPosition();
        if (upTo <= after) {
            return new Batch(List.of(), after);
        }
        List<StoredEvent> recent = store.recentEvents(room, after, upTo, MAX_EVENTS);
        if (recent.size() > MAX_EVENTS) {
            recent = recent.subList(recent.size() - MAX_EVENTS, recent.size());
        }
        HistoryVisibility.Viewer viewer = visibility.viewer(user, room);
        return new Batch(formatter.format(recent.stream().filter(viewer::canSee).toList(), viewer), upTo);
    }

    /**
     * {@code GET /rooms/{roomId}/initialSync}. Members get the current state and the latest
     * messages; former members (left or banned) the state and messages up to their leaving; others,
     * while the room is world-readable, the current state and the world-readable messages. The
     * membership is left out for someone who has none the spec can name.
     */
    public RoomInitialSync.Response initialSync(UserId user, RoomId room) {
        history.requireReadable(room, user);
        long now = pipeline.currentPosition();
        Optional<String> membership = power.membership(room, user);
        boolean former = membership.filter(m -> m.equals("leave") || m.equals("ban")).isPresent();
        String end = former
                ? power.stateEvent(room, StateKey.member(user))
                        .map(e -> PaginationToken.Topological.after(e.pdu().depth(), e.streamOrdering()).toString())
                        .orElseThrow()
                : new PaginationToken.Stream(now).toString();
        RoomHistory.Messages page = history.messages(room, user, Optional.of(end), Optional.empty(), Direction.BACKWARDS,
                OptionalInt.of(SNAPSHOT_MESSAGES), RoomEventFilter.NONE);
        List<ObjectNode> chunk = new ArrayList<>(page.chunk()).reversed();
        boolean joined = membership.filter("join"::equals).isPresent();
        return new RoomInitialSync.Response(room.value(), membership.filter(SPEC_MEMBERSHIPS::contains).orElse(null),
                new RoomInitialSync.Messages(page.end().orElse(null), end, chunk), reads.state(room, user),
                // Presence is shared between users who share a room; a peeker shares none.
                joined ? presence.events(user, 0, 0, List.of(room)) : List.of(),
                roomReceipts(user, room), directory.isPublished(room) ? "public" : "private", roomAccountData(user, room));
    }

    private List<ObjectNode> roomReceipts(UserId user, RoomId room) {
        return receipts.receiptEvent(user, receipts.changes(List.of(room), 0, receipts.position()))
                .map(event -> event.put("room_id", room.value())).stream().toList();
    }

    private List<ObjectNode> roomAccountData(UserId user, RoomId room) {
        List<ObjectNode> events = new ArrayList<>();
        accountData.changesSince(user, 0).stream().filter(row -> row.room().filter(room::equals).isPresent()).forEach(row -> {
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("type", row.type());
            event.set("content", row.content());
            events.add(event);
        });
        return events;
    }
}
