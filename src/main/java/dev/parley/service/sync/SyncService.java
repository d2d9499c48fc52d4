package dev.parley.service.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.accountdata.AccountDataService;
import dev.parley.service.notify.Notifier;
import dev.parley.service.room.EventPipeline;
import dev.parley.store.AccountDataRow;
import dev.parley.store.RoomStore;
import dev.parley.store.RoomStore.MembershipChange;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /sync} (Client-Server API, "Syncing"): everything that changed for a user since a
 * token, or everything for an initial sync; with a timeout it long-polls on the {@link Notifier}
 * until there is something to say.
 */
public final class SyncService {
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final RoomStore rooms;
    private final RoomSections roomSections;
    private final EventPipeline pipeline;
    private final AccountDataService accountData;
    private final Notifier notifier;

    public SyncService(RoomStore rooms, RoomSections roomSections, EventPipeline pipeline, AccountDataService accountData,
                       Notifier notifier) {
        this.rooms = rooms;
        this.roomSections = roomSections;
        this.pipeline = pipeline;
        this.accountData = accountData;
        this.notifier = notifier;
    }

    public ObjectNode sync(UserId user, Optional<SyncToken> since, SyncFilter filter, boolean fullState, Duration timeout)
            throws InterruptedException {
        ObjectNode response = build(user, since, filter, fullState);
        if (since.isEmpty() || fullState || timeout.isZero() || !isEmpty(response)) {
            return response;
        }
        Notifier.Waiter waiter = notifier.register(user, rooms.roomsWithMembership(user, "join"));
        try {
            // Registered first, then looked again: nothing can slip between the look and the wait.
            response = build(user, since, filter, false);
            if (isEmpty(response) && waiter.await(timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout)) {
                response = build(user, since, filter, false);
            }
            return response;
        } finally {
            notifier.cancel(waiter);
        }
    }

    private ObjectNode build(UserId user, Optional<SyncToken> since, SyncFilter filter, boolean fullState) {
        SyncToken now = new SyncToken(pipeline.currentPosition(), accountData.position(user));
        long sinceEvents = since.map(SyncToken::events).orElse(0L);
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("next_batch", now.toString());

        List<AccountDataRow> accountChanges = accountData.changesSince(user, since.map(SyncToken::accountData).orElse(0L));
        Map<RoomId, List<AccountDataRow>> roomAccountData = new HashMap<>();
        ArrayNode global = response.putObject("account_data").putArray("events");
        for (AccountDataRow row : accountChanges) {
            if (row.room().isPresent()) {
                roomAccountData.computeIfAbsent(row.room().get(), r -> new java.util.ArrayList<>()).add(row);
            } else {
                global.addObject().put("type", row.type()).set("content", row.content());
            }
        }

        Map<RoomId, MembershipChange> changed = new HashMap<>();
        if (since.isPresent()) {
            for (MembershipChange change : rooms.membershipChanges(user, sinceEvents, now.events())) {
                changed.put(change.roomId(), change);
            }
        }
        ObjectNode roomsNode = response.putObject("rooms");
        ObjectNode join = roomsNode.putObject("join");
        for (RoomId room : rooms.roomsWithMembership(user, "join")) {
            if (!filter.wantsRoom(room.value())) {
                continue;
            }
            boolean fresh = since.isEmpty() || fullState || changed.containsKey(room);
            roomSections.joined(user, room, fresh ? 0 : sinceEvents, now.events(), filter, fresh,
                            roomAccountData.getOrDefault(room, List.of()))
                    .ifPresent(section -> join.set(room.value(), section));
        }
        ObjectNode invite = roomsNode.putObject("invite");
        for (RoomId room : rooms.roomsWithMembership(user, "invite")) {
            if (filter.wantsRoom(room.value()) && (since.isEmpty() || changed.containsKey(room))) {
                invite.set(room.value(), roomSections.invited(user, room));
            }
        }
        ObjectNode leave = roomsNode.putObject("leave");
        for (MembershipChange change : changed.values()) {
            boolean left = change.membership().equals("leave") || change.membership().equals("ban");
            if (left && filter.wantsRoom(change.roomId().value()) && !join.has(change.roomId().value())) {
                leave.set(change.roomId().value(), roomSections.left(user, change, sinceEvents, filter));
            }
        }
        roomsNode.putObject("knock");
        return response;
    }

    private static boolean isEmpty(ObjectNode response) {
        ObjectNode roomsNode = (ObjectNode) response.get("rooms");
        return response.path("account_data").path("events").isEmpty() && roomsNode.path("join").isEmpty()
                && roomsNode.path("invite").isEmpty() && roomsNode.path("leave").isEmpty();
    }
}
