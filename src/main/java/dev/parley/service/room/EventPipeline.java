package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.AuthDecision;
import dev.parley.core.auth.AuthEventSelection;
import dev.parley.core.auth.AuthState;
import dev.parley.core.auth.EventAuthorizer;
import dev.parley.core.auth.StateKey;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.event.EventBuilder;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.CanonicalJson;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import dev.parley.store.NewEvent;
import dev.parley.store.RoomRow;
import dev.parley.store.RoomStore;
import dev.parley.store.StoreException;
import dev.parley.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every local event goes through here (DESIGN.md, "The shape of the system"): build the PDU
 * (prev_events from the forward extremities, auth_events selected from the current state, depth,
 * content hash, signature), check it against the authorization rules and the current state,
 * queue it for persisting with its stream position and state delta, and once it is durable tell
 * the listeners, in the room's order. One lock per room, held while an event is built and queued
 * but not while it commits: the room's {@link RoomHead} in memory already includes the queued events.
 */
public final class EventPipeline {
    /** Server-server API, "Size limits": the whole PDU, as canonical JSON. */
    static final int MAX_PDU_BYTES = 65_536;
    private static final int MAX_ID_BYTES = 255;
    private static final int MAX_PREV_EVENTS = 20;

    /** What a local user wants to send. */
    public record Draft(String type, Optional<String> stateKey, ObjectNode content, Optional<EventId> redacts) {
        public static Draft message(String type, ObjectNode content) {
            return new Draft(type, Optional.empty(), content, Optional.empty());
        }

        public static Draft state(String type, String stateKey, ObjectNode content) {
            return new Draft(type, Optional.of(stateKey), content, Optional.empty());
        }

        /** An {@code m.room.redaction} of {@code target}, with an optional reason. */
        public static Draft redaction(EventId target, Optional<String> reason) {
            ObjectNode content = Json.MAPPER.createObjectNode();
            reason.ifPresent(r -> content.put("reason", r));
            return new Draft(RedactionPolicy.REDACTION, Optional.empty(), content, Optional.of(target));
        }
    }

    private final RoomStore store;
    private final ServerName serverName;
    private final SigningKey signingKey;
    private final StreamPositions positions;
    private final LatestPositions latest;
    private final AtomicLong stateGroups;
    private final Clock clock;
    private final LocalSignatures signatures;
    private final RoomLocks locks = new RoomLocks();
    /** Enough heads for the rooms busy at once; an evicted one costs a state read on the room's next event. */
    private static final int MAX_IDLE_HEADS = 1_024;
    private final RoomHeads heads = new RoomHeads(locks, MAX_IDLE_HEADS);
    private final List<RoomEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<LocalEventCheck> checks = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final KnownTransactions knownTransactions;

    public EventPipeline(RoomStore store, ServerName serverName, SigningKey signingKey, Clock clock) {
        this.store = store;
        this.serverName = serverName;
        this.signingKey = signingKey;
        this.clock = clock;
        this.positions = new StreamPositions(store.maxStreamOrdering());
        this.latest = new LatestPositions(positions.current());
        this.stateGroups = new AtomicLong(store.maxStateGroup());
        this.signatures = new LocalSignatures(serverName, signingKey.verifyKey());
        this.knownTransactions = new KnownTransactions(store, KnownTransactions.MAX_LOADED);
    }

    public void addListener(RoomEventListener listener) {
        listeners.add(listener);
    }

    /** Adds a check every local event must pass after the authorization rules. */
    public void addCheck(LocalEventCheck check) {
        checks.add(check);
    }

    /** The stream position up to which every event is persisted (sync tokens count in these). */
    public long currentPosition() {
        return positions.current();
    }

    /** The newest position per room and per membership target, recorded before it counts as persisted. */
    public LatestPositions latest() {
        return latest;
    }

    /**
     * Creates a room with its {@code m.room.create} event. In room version 12 the room ID is
     * derived from the create event; before, it is a random ID on this server.
     */
    public StoredEvent createRoom(RoomVersion version, UserId creator, ObjectNode createContent) {
        long ts = clock.millis();
        Pdu create;
        RoomId roomId;
        RoomRow room;
        // In v12 the room ID is the create event's hash: one user creating two rooms with the same
        // content in the same millisecond would get one ID twice, so a taken ID moves the event's
        // origin_server_ts on by a millisecond, which gives another.
        for (int attempt = 0; ; attempt++) {
            create = createEvent(version, creator, createContent, ts + attempt);
            roomId = create.roomId();
            room = new RoomRow(roomId, version, creator, clock.millis(), false);
            if (store.createRoom(room)) {
                break;
            }
            if (!version.roomIdFromCreateEvent() || attempt == 100) {
                throw new MatrixException(ErrCode.ROOM_IN_USE, "Room ID already taken");
            }
        }
        ReentrantLock lock = locks.of(roomId);
        lock.lock();
        Queued queued;
        try {
            RoomHead head = RoomHead.empty(room);
            heads.put(roomId, head);
            queued = enqueue(head, create, Optional.empty(), Optional.empty());
        } finally {
            lock.unlock();
        }
        return finish(queued);
    }

    /** A signed, authorised {@code m.room.create} event; its room ID is random before v12. */
    private Pdu createEvent(RoomVersion version, UserId creator, ObjectNode createContent, long originServerTs) {
        RoomId roomId = null;
        EventBuilder builder = EventBuilder.of(version, StateKey.CREATE, creator).stateKey("").content(createContent)
                .prevEvents(List.of()).authEvents(List.of()).originServerTs(originServerTs);
        if (!version.roomIdFromCreateEvent()) {
            roomId = RoomId.parse("!" + randomLocalpart(18) + ":" + serverName.value());
            builder.roomId(roomId);
        }
        if (version.eventIdInEvent()) {
            builder.eventId(EventId.parse("$" + randomLocalpart(18) + ":" + serverName.value()));
        }
        Pdu create = builder.sign(serverName.value(), signingKey);
        checkSize(create);
        AuthDecision decision = new EventAuthorizer(version, signatures).authorizeByState(create, key -> Optional.empty());
        if (!decision.isAllowed()) {
            throw new MatrixException(ErrCode.BAD_JSON, "Invalid m.room.create content: " + decision);
        }
        // Before the room exists: a create event the checks refuse leaves nothing behind.
        for (LocalEventCheck check : checks) {
            check.check(create, key -> Optional.empty());
        }
        return create;
    }

    /**
     * Builds, authorises and persists a local event. A repeated transaction of the same device
     * returns the event it produced the first time. Returns once the event is durable and the
     * listeners were told; the room's lock is held only while the event is built and queued, so
     * the next event of the room is built while this one commits (and shares its fsync).
     *
     * @throws MatrixException {@code M_FORBIDDEN} when the authorization rules reject it,
     *     {@code M_TOO_LARGE} for an oversize event, {@code M_NOT_FOUND} for an unknown room
     */
    public StoredEvent send(RoomId roomId, UserId sender, Draft draft, Optional<ClientTransaction> clientTransaction) {
        Optional<NewEvent.Transaction> transaction = clientTransaction.map(t ->
                new NewEvent.Transaction(t.userId().value(), t.deviceId(), t.txnId(), clock.millis()));
        checkIdLength("type", draft.type());
        draft.stateKey().ifPresent(key -> checkIdLength("state_key", key));
        ReentrantLock lock = locks.of(roomId);
        lock.lock();
        Queued queued;
        CompletableFuture<StoredEvent> sameTransaction = null;
        try {
            RoomHead head = head(roomId);
            if (transaction.isPresent()) {
                NewEvent.Transaction t = transaction.get();
                sameTransaction = head.pendingTransactions.get(new RoomHead.TransactionKey(t.userId(), t.deviceId(), t.txnId()));
                boolean maybeUsed = sameTransaction == null && knownTransactions.maybeUsed(t.userId(), t.deviceId(), t.txnId());
                Optional<EventId> earlier = maybeUsed ? store.transaction(t.userId(), t.deviceId(), t.txnId()) : Optional.empty();
                if (earlier.isPresent()) {
                    return store.event(earlier.get()).orElseThrow();
                }
            }
            if (sameTransaction == null) {
                queued = build(head, sender, draft, transaction);
                if (RedactionPolicy.REDACTION.equals(queued.event().pdu().type())) {
                    // The redacted target is pruned in the database as the redaction commits; the
                    // next event must be authorised against the pruned one, so wait here and read
                    // the head again (redactions are rare).
                    try {
                        return finish(queued);
                    } finally {
                        heads.remove(roomId, head);
                    }
                }
            } else {
                queued = null;
            }
        } finally {
            lock.unlock();
        }
        return queued != null ? finish(queued) : awaitEarlier(sameTransaction);
    }

    private RoomHead head(RoomId roomId) {
        RoomHead head = heads.get(roomId);
        if (head == null) {
            RoomRow room = store.room(roomId).orElseThrow(() -> MatrixException.notFound("Unknown room"));
            head = RoomHead.load(store, room);
            heads.put(roomId, head);
        }
        return head;
    }

    private Queued build(RoomHead head, UserId sender, Draft request, Optional<NewEvent.Transaction> transaction) {
        RoomRow room = head.room;
        RoomVersion version = room.version();
        CurrentState state = new CurrentState(store, head);
        Draft draft = RedactionPolicy.REDACTION.equals(request.type()) && request.stateKey().isEmpty()
                ? RedactionPolicy.check(store, room.roomId(), version, sender, request, state)
                : request;
        ThreadPolicy.check(store, draft);
        List<Pdu> prevEvents = new ArrayList<>();
        Optional<Long> stateGroupBefore = Optional.empty();
        for (StoredEvent prev : head.extremities(MAX_PREV_EVENTS)) {
            prevEvents.add(prev.pdu());
            stateGroupBefore = Optional.of(Math.max(stateGroupBefore.orElse(0L), prev.stateGroup()));
        }
        String stateKey = draft.stateKey().orElse(null);
        List<Pdu> authEvents = new ArrayList<>();
        for (EventId id : AuthEventSelection.select(version, draft.type(), sender, stateKey, draft.content(), state)) {
            authEvents.add(state.event(id));
        }
        EventBuilder builder = EventBuilder.of(version, draft.type(), sender).roomId(room.roomId()).content(draft.content())
                .prevEvents(prevEvents).authEvents(authEvents).originServerTs(clock.millis());
        draft.stateKey().ifPresent(builder::stateKey);
        draft.redacts().ifPresent(builder::redacts);
        if (version.eventIdInEvent()) {
            builder.eventId(EventId.parse("$" + randomLocalpart(18) + ":" + serverName.value()));
        }
        Pdu pdu = builder.sign(serverName.value(), signingKey);
        checkSize(pdu);
        AuthDecision decision = new EventAuthorizer(version, signatures).authorizeByState(pdu, state);
        if (!decision.isAllowed()) {
            throw MatrixException.forbidden(forbiddenMessage(decision));
        }
        for (LocalEventCheck check : checks) {
            check.check(pdu, state);
        }
        return enqueue(head, pdu, stateGroupBefore, transaction);
    }

    /**
     * A queued event. {@code written} completes once it is durable; {@code toldBefore} once the
     * listeners heard of the room's previous event, {@code told} once they heard of this one;
     * {@code result} is what a retry of the same transaction waits for.
     */
    private record Queued(RoomHead head, StoredEvent event, CompletableFuture<Void> written,
                          CompletableFuture<Void> toldBefore, CompletableFuture<Void> told,
                          Optional<RoomHead.TransactionKey> transaction, CompletableFuture<StoredEvent> result) {
    }

    /** Under the room's lock: takes the positions, queues the write and moves the head past the event. */
    private Queued enqueue(RoomHead head, Pdu pdu, Optional<Long> stateGroupBefore, Optional<NewEvent.Transaction> transaction) {
        Optional<Long> newGroup = pdu.isState() ? Optional.of(stateGroups.incrementAndGet()) : Optional.empty();
        long position = positions.allocate();
        latest.allocated(pdu, position);
        // The head's state is the room's state before this event: what it replaces is decided once, here.
        Optional<EventId> replaces = pdu.isState()
                ? Optional.ofNullable(head.state().get(new StateKey(pdu.type(), pdu.stateKey()))) : Optional.empty();
        NewEvent event = new NewEvent(position, pdu, stateGroupBefore, newGroup, replaces, transaction);
        StoredEvent stored = event.stored();
        CompletableFuture<Void> written;
        try {
            written = store.persistQueued(head.chain, event);
        } catch (RuntimeException e) {
            positions.done(position);
            throw e;
        }
        Queued queued = new Queued(head, stored, written, head.lastNotified, new CompletableFuture<>(),
                transaction.map(t -> new RoomHead.TransactionKey(t.userId(), t.deviceId(), t.txnId())), new CompletableFuture<>());
        head.lastNotified = queued.told();
        if (written.isCompletedExceptionally()) {
            // Failed at once (a database that writes synchronously): nothing may build on it.
            heads.remove(pdu.roomId(), head);
        } else {
            head.advance(stored);
            queued.transaction().ifPresent(key -> head.pendingTransactions.put(key, queued.result()));
        }
        return queued;
    }

    /**
     * Outside the room's lock: waits until the event is durable, then tells the listeners, after
     * the room's previous event and before its next one. If the write failed, the room's head is
     * dropped so the next event is built from what the database holds.
     */
    private StoredEvent finish(Queued queued) {
        StoredEvent stored = queued.event();
        Throwable failure = null;
        try {
            queued.written().join();
        } catch (CompletionException | CancellationException e) {
            failure = e.getCause() != null ? e.getCause() : e;
        }
        positions.done(stored.streamOrdering());
        queued.head().written(stored.pdu());
        try {
            queued.toldBefore().join();
            if (failure == null) {
                listeners.forEach(l -> l.onEvent(stored));
            }
        } finally {
            queued.told().complete(null);
            if (failure == null) {
                // Known before the retry can no longer find it among the pending ones.
                queued.transaction().ifPresent(key -> knownTransactions.used(key.userId(), key.deviceId(), key.txnId()));
            }
            queued.transaction().ifPresent(key -> queued.head().pendingTransactions.remove(key));
            if (failure == null) {
                queued.result().complete(stored);
            } else {
                queued.result().completeExceptionally(failure);
            }
        }
        if (failure != null) {
            // Every write queued before this one has committed or failed by now, and every
            // later one of the same chain is refused, so the database is the room's true head.
            heads.remove(stored.pdu().roomId(), queued.head());
            throw failure instanceof RuntimeException re ? re : new StoreException("event not persisted", failure);
        }
        return stored;
    }

    /** A retry of a transaction still being written: the first send's event (or failure). */
    private static StoredEvent awaitEarlier(CompletableFuture<StoredEvent> first) {
        try {
            return first.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private static String forbiddenMessage(AuthDecision decision) {
        return decision instanceof AuthDecision.Rejected rejected
                ? "Not allowed: " + rejected.reason() + " (auth rule " + rejected.rule() + ")"
                : "Not allowed";
    }

    private static void checkSize(Pdu pdu) {
        if (CanonicalJson.encode(pdu.json()).length > MAX_PDU_BYTES) {
            throw new MatrixException(ErrCode.TOO_LARGE, "Event is larger than " + MAX_PDU_BYTES + " bytes");
        }
    }

    private static void checkIdLength(String field, String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new MatrixException(ErrCode.TOO_LARGE, field + " is longer than " + MAX_ID_BYTES + " bytes");
        }
    }

    private String randomLocalpart(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** The room's current state as the authorization rules read it, from the room's head. */
    static final class CurrentState implements AuthState {
        private final RoomStore store;
        private final RoomHead head;

        CurrentState(RoomStore store, RoomHead head) {
            this.store = store;
            this.head = head;
        }

        @Override
        public Optional<Pdu> get(StateKey key) {
            EventId id = head.state().get(key);
            return id == null ? Optional.empty() : Optional.of(event(id));
        }

        Pdu event(EventId id) {
            return head.stateEvent(store, id);
        }
    }
}
