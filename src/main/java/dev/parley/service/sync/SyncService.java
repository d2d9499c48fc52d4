package dev.parley.service.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.accountdata.AccountDataService;
import dev.parley.service.edu.PresenceState;
import dev.parley.service.edu.ToDevice;
import dev.parley.service.edu.TypingNotifications;
import dev.parley.service.e2ee.DeviceLists;
import dev.parley.service.notify.Notifier;
import dev.parley.service.room.EventPipeline;
import dev.parley.service.room.LatestPositions;
import dev.parley.store.AccountDataRow;
import dev.parley.store.E2eeKeyStore;
import dev.parley.store.ReceiptRow;
import dev.parley.store.RoomStore;
import dev.parley.store.RoomStore.MembershipChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /sync} (Client-Server API, "Syncing"): everything that changed for a user since a
 * token, or everything for an initial sync; with a timeout it long-polls on the {@link Notifier}
 * until there is something to say. Besides rooms and account data it carries the ephemeral
 * streams: typing and receipts per joined room, presence, and the syncing device's to-device
 * messages; and the end-to-end encryption extensions (device lists, one-time key counts).
 */
public final class SyncService {
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration IN_FLIGHT_RECHECK = Duration.ofMillis(5);
    private static final int JOINED_LISTS_KEPT = 50_000;

    /**
     * One {@code /sync} call.
     *
     * @param deviceId the syncing device, whose to-device messages are delivered
     * @param setPresence the {@code set_presence} parameter ({@code online} when absent)
     * @param useStateAfter the {@code use_state_after} parameter (v1.16): rooms get {@code state_after}, not {@code state}
     */
    public record Request(UserId user, Optional<String> deviceId, Optional<SyncToken> since, SyncFilter filter,
                          boolean fullState, Duration timeout, PresenceState setPresence, boolean useStateAfter) {
    }

    private final RoomStore rooms;
    private final RoomSections roomSections;
    private final EventPipeline pipeline;
    private final AccountDataService accountData;
    private final EphemeralStreams streams;
    private final Notifier notifier;
    private final DeviceLists deviceLists;
    private final UnreadCounts unreadCounts;
    private final Cache<UserId, Joined> joinedLists = Caffeine.newBuilder().maximumSize(JOINED_LISTS_KEPT).build();

    public SyncService(RoomStore rooms, RoomSections roomSections, EventPipeline pipeline, AccountDataService accountData,
                       EphemeralStreams streams, Notifier notifier, DeviceLists deviceLists, UnreadCounts unreadCounts) {
        this.rooms = rooms;
        this.unreadCounts = unreadCounts;
        this.roomSections = roomSections;
        this.pipeline = pipeline;
        this.accountData = accountData;
        this.streams = streams;
        this.notifier = notifier;
        this.deviceLists = deviceLists;
    }

    public ObjectNode sync(Request request) throws InterruptedException {
        streams.presence().syncStarted(request.user(), request.setPresence());
        try {
            return respond(request);
        } finally {
            streams.presence().syncEnded(request.user(), request.setPresence());
        }
    }

    private ObjectNode respond(Request request) throws InterruptedException {
        UserId user = request.user();
        Duration timeout = request.timeout();
        Joined joined = joinedRooms(user);
        if (request.since().isEmpty() || request.fullState() || timeout.isZero()) {
            return withKeyCounts(build(request, request.fullState(), joined), request);
        }
        // Registered before the first look: whatever is told after the look wakes the waiter,
        // so one look before parking and one after waking are enough.
        Notifier.Waiter waiter = notifier.register(user, joined.rooms());
        try {
            ObjectNode response = build(request, false, joined);
            long deadline = System.nanoTime() + (timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout).toNanos();
            long seenUpTo = SyncToken.parse(response.path("next_batch").asText()).events();
            boolean woken = false;
            // An event of the user's may have been told before the waiter was registered yet not be
            // visible to the look (a lower position in another room still committing): it wakes no
            // one, so while one is in flight look again as soon as it is visible.
            while (isEmpty(response) && !woken && System.nanoTime() < deadline && unseen(user, joined, seenUpTo)) {
                woken = waiter.await(IN_FLIGHT_RECHECK);
                if (!woken && visible(user, joined, seenUpTo)) {
                    response = build(request, false, joined);
                    seenUpTo = SyncToken.parse(response.path("next_batch").asText()).events();
                }
            }
            if (isEmpty(response)) {
                // Nothing is kept while parked but the request and the joined rooms' list.
                response = null;
                long left = deadline - System.nanoTime();
                if (!woken && left > 0) {
                    waiter.await(Duration.ofNanos(left));
                }
                response = build(request, false, joined);
            }
            return withKeyCounts(response, request);
        } finally {
            notifier.cancel(waiter);
        }
    }

    /** Some event of the user's rooms or membership has a position after {@code seenUpTo}. */
    private boolean unseen(UserId user, Joined joined, long seenUpTo) {
        LatestPositions latest = pipeline.latest();
        return latest.membership(user) > seenUpTo || joined.rooms().stream().anyMatch(r -> latest.room(r) > seenUpTo);
    }

    /** Such an event is now persisted, with every position below it. */
    private boolean visible(UserId user, Joined joined, long seenUpTo) {
        LatestPositions latest = pipeline.latest();
        long now = pipeline.currentPosition();
        long membership = latest.membership(user);
        return membership > seenUpTo && membership <= now || joined.rooms().stream()
                .mapToLong(latest::room).anyMatch(position -> position > seenUpTo && position <= now);
    }

    /** The user's joined rooms, read after event position {@code asOf}: no membership change up to it is missing. */
    private record Joined(List<RoomId> rooms, long asOf) {
    }

    /**
     * Kept per user while no membership event of theirs is allocated after it was read
     * ({@link LatestPositions#membership}): a long-poll would otherwise read the list on every request.
     */
    private Joined joinedRooms(UserId user) {
        Joined known = joinedLists.getIfPresent(user);
        if (known != null && pipeline.latest().membership(user) <= known.asOf()) {
            return known;
        }
        long asOf = pipeline.currentPosition();
        Joined fresh = new Joined(rooms.roomsWithMembership(user, "join"), asOf);
        joinedLists.asMap().merge(user, fresh, (old, next) -> next.asOf() >= old.asOf() ? next : old);
        return fresh;
    }

    /**
     * The response from {@code since} up to now. Every stream whose position has not moved past the
     * token's, and every joined room without an event after it, is skipped without a query
     * ({@link dev.parley.service.room.LatestPositions}, the streams' positions in memory).
     *
     * @param listed the user's joined rooms, read again only if their membership changed since
     */
    private ObjectNode build(Request request, boolean fullState, Joined listed) {
        UserId user = request.user();
        Optional<SyncToken> since = request.since();
        SyncFilter filter = request.filter();
        // Every stream's position is read before its data, so what is read is at least up to it.
        long eventsNow = pipeline.currentPosition();
        List<RoomId> joinedRooms = pipeline.latest().membership(user) > listed.asOf()
                ? joinedRooms(user).rooms() : listed.rooms();
        long accountDataNow = accountData.position(user);
        long receiptsNow = streams.receipts().position();
        long presenceNow = streams.presence().position();
        long toDeviceNow = streams.toDevice().position();
        long deviceListsNow = deviceLists.position();
        TypingNotifications.Snapshot typing = streams.typing().snapshot(joinedRooms);
        long sinceEvents = since.map(SyncToken::events).orElse(0L);
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("next_batch", "");

        long sinceAccountData = since.map(SyncToken::accountData).orElse(0L);
        List<AccountDataRow> accountChanges = since.isPresent() && accountDataNow <= sinceAccountData ? List.of()
                : accountData.changesSince(user, sinceAccountData);
        Map<RoomId, List<AccountDataRow>> roomAccountData = new HashMap<>();
        ArrayNode global = response.putObject("account_data").putArray("events");
        for (AccountDataRow row : accountChanges) {
            if (row.room().isPresent()) {
                roomAccountData.computeIfAbsent(row.room().get(), r -> new ArrayList<>()).add(row);
            } else {
                global.addObject().put("type", row.type()).set("content", row.content());
            }
        }

        Map<RoomId, MembershipChange> changed = new HashMap<>();
        if (since.isPresent() && pipeline.latest().membership(user) > sinceEvents) {
            for (MembershipChange change : rooms.membershipChanges(user, sinceEvents, eventsNow)) {
                changed.put(change.roomId(), change);
            }
        }
        List<RoomId> wantedRooms = joinedRooms.stream().filter(room -> filter.wantsRoom(room.value())).toList();
        Set<RoomId> freshRooms = new HashSet<>();
        for (RoomId room : wantedRooms) {
            if (since.isEmpty() || fullState || changed.containsKey(room)) {
                freshRooms.add(room);
            }
        }
        Map<RoomId, List<ObjectNode>> ephemeral = ephemeral(user, since, filter, wantedRooms, freshRooms, typing,
                receiptsNow);
        List<RoomId> roomsToBuild = wantedRooms.stream()
                .filter(room -> freshRooms.contains(room) || pipeline.latest().room(room) > sinceEvents
                        || roomAccountData.containsKey(room) || ephemeral.containsKey(room))
                .toList();
        Map<RoomId, Long> unread = unreadCounts.counts(user, roomsToBuild, eventsNow);
        String device = request.deviceId().orElse("");
        if (since.isEmpty() || fullState) {
            roomSections.forgetSentMembers(user, device);
        }
        ObjectNode roomsNode = response.putObject("rooms");
        ObjectNode join = roomsNode.putObject("join");
        roomSections.joined(user, device, roomsToBuild, freshRooms, sinceEvents, eventsNow, filter,
                request.useStateAfter(), roomAccountData,
                ephemeral, unread).forEach((room, section) -> join.set(room.value(), section));
        // An incremental sync only lists invites, knocks and leaves its membership changes name.
        boolean anyMembership = since.isEmpty() || !changed.isEmpty();
        ObjectNode invite = roomsNode.putObject("invite");
        for (RoomId room : anyMembership ? rooms.roomsWithMembership(user, "invite") : List.<RoomId>of()) {
            if (filter.wantsRoom(room.value()) && (since.isEmpty() || changed.containsKey(room))) {
                invite.set(room.value(), roomSections.invited(user, room));
            }
        }
        ObjectNode leave = roomsNode.putObject("leave");
        for (MembershipChange change : changed.values()) {
            boolean left = change.membership().equals("leave") || change.membership().equals("ban");
            if (left && filter.wantsRoom(change.roomId().value()) && !join.has(change.roomId().value())) {
                leave.set(change.roomId().value(), roomSections.left(user, change, sinceEvents, filter,
                        request.useStateAfter()));
            }
        }
        ObjectNode knock = roomsNode.putObject("knock");
        for (RoomId room : anyMembership ? rooms.roomsWithMembership(user, "knock") : List.<RoomId>of()) {
            if (filter.wantsRoom(room.value()) && (since.isEmpty() || changed.containsKey(room))) {
                knock.set(room.value(), roomSections.knocked(user, room));
            }
        }

        ArrayNode presence = response.putObject("presence").putArray("events");
        if (filter.wantsPresence()) {
            // Rooms joined since the last sync bring their members' presence, changed or not.
            Set<RoomId> newlyJoined = since.isPresent() ? freshRooms : Set.of();
            presence.addAll(streams.presence().events(user, since.map(SyncToken::presence).orElse(0L), presenceNow,
                    newlyJoined));
        }
        ToDevice.Batch toDevice = streams.toDevice().deliver(user, request.deviceId(),
                since.map(SyncToken::toDevice), toDeviceNow);
        response.putObject("to_device").putArray("events").addAll(toDevice.events());
        deviceListChanges(response, request, deviceListsNow);

        SyncToken next = new SyncToken(eventsNow, accountDataNow, toDevice.nextPosition(), receiptsNow,
                typing.position(), presenceNow,
                deviceListsNow);
        response.put("next_batch", next.toString());
        return response;
    }

    /** Each room's new {@code m.typing} and {@code m.receipt} events. */
    private Map<RoomId, List<ObjectNode>> ephemeral(UserId user, Optional<SyncToken> since, SyncFilter filter,
                                                    List<RoomId> rooms, Set<RoomId> fresh,
                                                    TypingNotifications.Snapshot typing, long receiptsNow) {
        Map<RoomId, List<ObjectNode>> out = new HashMap<>();
        if (filter.wantsEphemeral("m.typing")) {
            Set<RoomId> wanted = Set.copyOf(rooms);
            typing.eventsSince(since.map(SyncToken::typing).orElse(0L), fresh::contains).forEach((room, event) -> {
                if (wanted.contains(room)) {
                    out.computeIfAbsent(room, r -> new ArrayList<>()).add(event);
                }
            });
        }
        if (filter.wantsEphemeral("m.receipt")) {
            long sinceReceipts = since.map(SyncToken::receipts).orElse(0L);
            List<RoomId> known = rooms.stream().filter(room -> !fresh.contains(room)).toList();
            List<ReceiptRow> rows = new ArrayList<>(streams.receipts().changes(known, sinceReceipts, receiptsNow));
            rows.addAll(streams.receipts().changes(List.copyOf(fresh), 0, receiptsNow));
            Map<RoomId, List<ReceiptRow>> byRoom = new HashMap<>();
            rows.forEach(row -> byRoom.computeIfAbsent(row.roomId(), r -> new ArrayList<>()).add(row));
            byRoom.forEach((room, roomRows) -> streams.receipts().receiptEvent(user, roomRows)
                    .ifPresent(event -> out.computeIfAbsent(room, r -> new ArrayList<>()).add(event)));
        }
        return out;
    }

    /** "Extensions to /sync" of end-to-end encryption: {@code device_lists} on an incremental sync. */
    private void deviceListChanges(ObjectNode response, Request request, long deviceListsNow) {
        if (request.since().isPresent()) {
            DeviceLists.Changes changes = deviceLists.changesSince(request.user(), request.since().get().deviceLists(),
                    deviceListsNow);
            ObjectNode lists = response.putObject("device_lists");
            ArrayNode changed = lists.putArray("changed");
            changes.changed().forEach(user -> changed.add(user.value()));
            ArrayNode left = lists.putArray("left");
            changes.left().forEach(user -> left.add(user.value()));
        }
    }

    /**
     * The syncing device's one-time key counts and unused fallback key types, read only for the
     * response that is sent (they do not make a response worth sending on their own).
     */
    private ObjectNode withKeyCounts(ObjectNode response, Request request) {
        if (request.deviceId().isPresent()) {
            String device = request.deviceId().get();
            E2eeKeyStore.KeyCounts keys = deviceLists.keyCounts(request.user(), device);
            ObjectNode counts = response.putObject("device_one_time_keys_count");
            keys.oneTimeKeys().forEach(counts::put);
            ArrayNode fallback = response.putArray("device_unused_fallback_key_types");
            keys.unusedFallbackTypes().forEach(fallback::add);
        }
        return response;
    }

    private static boolean isEmpty(ObjectNode response) {
        ObjectNode roomsNode = (ObjectNode) response.get("rooms");
        return response.path("account_data").path("events").isEmpty() && roomsNode.path("join").isEmpty()
                && roomsNode.path("invite").isEmpty() && roomsNode.path("leave").isEmpty()
                && roomsNode.path("knock").isEmpty()
                && response.path("presence").path("events").isEmpty()
                && response.path("to_device").path("events").isEmpty()
                && response.path("device_lists").path("changed").isEmpty()
                && response.path("device_lists").path("left").isEmpty();
    }
}
