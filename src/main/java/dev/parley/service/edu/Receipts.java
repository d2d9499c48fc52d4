package dev.parley.service.edu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.accountdata.AccountDataService;
import dev.parley.service.notify.Notifier;
import dev.parley.service.room.HistoryVisibility;
import dev.parley.service.room.Memberships;
import dev.parley.store.ReceiptRow;
import dev.parley.store.ReceiptStore;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receipts (Client-Server API, "Receipts") and the fully read marker ("Read and unread
 * markers"). Public {@code m.read} receipts are shown to everyone in the room,
 * {@code m.read.private} only to their sender; {@code m.fully_read} is the user's room account
 * data, which only the server writes. Every marker only moves forward.
 */
public final class Receipts {
    public static final String READ = "m.read";
    public static final String READ_PRIVATE = "m.read.private";
    public static final String FULLY_READ = "m.fully_read";
    /** The thread ID of the main timeline ("Threaded read receipts"). */
    static final String MAIN_THREAD = "main";
    /** "a maximum of 3 hops is recommended" when following relations to a thread root. */
    private static final int MAX_RELATION_HOPS = 3;

    private final ReceiptStore store;
    private final RoomStore rooms;
    private final Memberships memberships;
    private final HistoryVisibility visibility;
    private final AccountDataService accountData;
    private final Notifier notifier;
    private final Clock clock;
    private final AtomicLong position;
    /** Per user who wrote one since start-up, the position of their newest receipt. */
    private final ConcurrentHashMap<UserId, Long> latestBy = new ConcurrentHashMap<>();

    public Receipts(ReceiptStore store, RoomStore rooms, Memberships memberships, HistoryVisibility visibility,
                    AccountDataService accountData, Notifier notifier, Clock clock) {
        this.store = store;
        this.rooms = rooms;
        this.memberships = memberships;
        this.visibility = visibility;
        this.accountData = accountData;
        this.notifier = notifier;
        this.clock = clock;
        this.position = new AtomicLong(store.position());
    }

    /**
     * {@code POST /rooms/{roomId}/receipt/{receiptType}/{eventId}}.
     *
     * @throws MatrixException {@code M_FORBIDDEN} outside the room, {@code M_NOT_FOUND} for an event
     *     not in it, {@code M_INVALID_PARAM} for an unknown type or a bad {@code thread_id}
     */
    public void post(UserId user, RoomId room, String receiptType, EventId eventId, Optional<String> threadId) {
        requireJoined(user, room);
        if (!List.of(READ, READ_PRIVATE, FULLY_READ).contains(receiptType)) {
            throw MatrixException.invalidParam("Receipt type must be one of m.read, m.read.private, m.fully_read");
        }
        if (threadId.isPresent() && receiptType.equals(FULLY_READ)) {
            throw MatrixException.invalidParam("thread_id cannot be given for m.fully_read");
        }
        StoredEvent event = visibleEvent(user, room, eventId);
        if (receiptType.equals(FULLY_READ)) {
            setFullyRead(user, room, event);
            return;
        }
        threadId.ifPresent(thread -> checkThread(event, thread));
        OptionalLong written = store.put(room, receiptType, user, threadId, eventId, event.streamOrdering(), clock.millis());
        if (written.isPresent()) {
            position.accumulateAndGet(written.getAsLong(), Math::max);
            latestBy.merge(user, written.getAsLong(), Math::max);
            if (receiptType.equals(READ_PRIVATE)) {
                notifier.userChanged(user);
            } else {
                notifier.roomChanged(room);
            }
        }
    }

    /**
     * {@code POST /rooms/{roomId}/read_markers}: the fully read marker and, as if posted as
     * receipts, {@code m.read} and {@code m.read.private}.
     */
    public void setReadMarkers(UserId user, RoomId room, Optional<EventId> fullyRead, Optional<EventId> read,
                               Optional<EventId> readPrivate) {
        requireJoined(user, room);
        // Every event is checked before anything is written, so a bad request changes nothing.
        Optional<StoredEvent> marker = fullyRead.map(id -> visibleEvent(user, room, id));
        read.ifPresent(id -> visibleEvent(user, room, id));
        readPrivate.ifPresent(id -> visibleEvent(user, room, id));
        marker.ifPresent(event -> setFullyRead(user, room, event));
        read.ifPresent(id -> post(user, room, READ, id, Optional.empty()));
        readPrivate.ifPresent(id -> post(user, room, READ_PRIVATE, id, Optional.empty()));
    }

    /**
     * The receipts stream position of the user's newest receipt written since start-up, 0 if none;
     * moved on after the write commits and before anyone is woken by it.
     */
    public long latestBy(UserId user) {
        return latestBy.getOrDefault(user, 0L);
    }

    /** The highest receipts stream position every write below has committed at. */
    public long position() {
        return position.get();
    }

    /**
     * The room's receipts written in ({@code after}, {@code upTo}] as one {@code m.receipt} event,
     * as {@code viewer} may see them (their own private receipts only); empty when there are none.
     */
    public Optional<ObjectNode> receiptEvent(UserId viewer, List<ReceiptRow> rows) {
        ObjectNode content = Json.MAPPER.createObjectNode();
        for (ReceiptRow row : rows) {
            if (row.receiptType().equals(READ_PRIVATE) && !row.userId().equals(viewer)) {
                continue;
            }
            ObjectNode receipt = content.withObject(row.eventId().value()).withObject(row.receiptType())
                    .putObject(row.userId().value());
            receipt.put("ts", row.ts());
            row.threadId().ifPresent(thread -> receipt.put("thread_id", thread));
        }
        if (content.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", "m.receipt");
        event.set("content", content);
        return Optional.of(event);
    }

    /** The receipts of these rooms written in ({@code after}, {@code upTo}], oldest first. */
    public List<ReceiptRow> changes(Collection<RoomId> roomIds, long after, long upTo) {
        return roomIds.isEmpty() || after >= upTo ? List.of() : store.inRooms(roomIds, after, upTo);
    }

    private void setFullyRead(UserId user, RoomId room, StoredEvent event) {
        Optional<Long> current = accountData.find(user, Optional.of(room), FULLY_READ)
                .map(content -> content.path("event_id").asText(""))
                .filter(EventId::isValid)
                .flatMap(id -> rooms.event(EventId.parse(id)))
                .map(StoredEvent::streamOrdering);
        if (current.isPresent() && current.get() >= event.streamOrdering()) {
            return;
        }
        ObjectNode content = Json.MAPPER.createObjectNode();
        content.put("event_id", event.pdu().eventId().value());
        accountData.putServerManaged(user, Optional.of(room), FULLY_READ, content);
    }

    private void requireJoined(UserId user, RoomId room) {
        if (!memberships.membership(room, user).orElse("").equals("join")) {
            throw MatrixException.forbidden("You are not in this room");
        }
    }

    private StoredEvent visibleEvent(UserId user, RoomId room, EventId eventId) {
        return rooms.event(eventId).filter(e -> e.pdu().roomId().equals(room)).filter(e -> visibility.canSee(user, e))
                .orElseThrow(() -> MatrixException.notFound("Event not found in this room"));
    }

    /**
     * "Threaded read receipts": the event must be in the thread the receipt names. A thread root
     * is in the main timeline, and may also take its own thread's receipts.
     */
    private void checkThread(StoredEvent event, String threadId) {
        if (threadId.isEmpty()) {
            throw MatrixException.invalidParam("thread_id field must be a non-empty string");
        }
        if (!threadId.equals(MAIN_THREAD) && !EventId.isValid(threadId)) {
            throw MatrixException.invalidParam("thread_id must be 'main' or the event ID of a thread root");
        }
        String actual = threadOf(event);
        boolean root = event.pdu().eventId().value().equals(threadId);
        if (!actual.equals(threadId) && !root) {
            throw MatrixException.invalidParam("The event is not in thread " + threadId);
        }
    }

    /** The thread an event is in: a thread root's event ID, or {@code main}. */
    private String threadOf(StoredEvent event) {
        StoredEvent current = event;
        for (int hop = 0; hop < MAX_RELATION_HOPS; hop++) {
            JsonNode relation = current.pdu().content().path("m.relates_to");
            String parent = relation.path("event_id").asText("");
            if (!EventId.isValid(parent)) {
                return MAIN_THREAD;
            }
            if (relation.path("rel_type").asText("").equals("m.thread")) {
                return parent;
            }
            Optional<StoredEvent> next = rooms.event(EventId.parse(parent));
            if (next.isEmpty()) {
                return MAIN_THREAD;
            }
            current = next.get();
        }
        return MAIN_THREAD;
    }
}
