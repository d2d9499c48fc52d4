package dev.parley.service.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.accountdata.AccountDataService;
import dev.parley.service.e2ee.DeviceLists;
import dev.parley.service.edu.ToDevice;
import dev.parley.service.sync.SlidingConnections.Snapshot;
import dev.parley.service.sync.SlidingRoomList.Selected;
import dev.parley.service.sync.SlidingSyncRequest.Extension;
import dev.parley.store.AccountDataRow;
import dev.parley.store.E2eeKeyStore;
import dev.parley.store.ReceiptRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sliding sync extensions: {@code to_device} (MSC3885), {@code e2ee} (MSC3884),
 * {@code account_data} (MSC3959), {@code receipts} (MSC3960), {@code typing} (MSC3961) and
 * {@code presence}, each only when enabled. The room-scoped ones report on the rooms their
 * {@code lists} and {@code rooms} name among those the request selected (all of them when
 * neither is given), and only rooms the user is joined to.
 */
final class SlidingExtensions {
    /** The stream positions one response was built at. */
    record Positions(long accountData, long receipts, long typing, long presence, long toDevice, long deviceLists) {
    }

    /** What the extensions produced, and whether any of it is news. */
    record Result(ObjectNode extensions, boolean news) {
    }

    private final AccountDataService accountData;
    private final EphemeralStreams streams;
    private final DeviceLists deviceLists;

    SlidingExtensions(AccountDataService accountData, EphemeralStreams streams, DeviceLists deviceLists) {
        this.accountData = accountData;
        this.streams = streams;
        this.deviceLists = deviceLists;
    }

    Positions positions(UserId user) {
        return new Positions(accountData.position(user), streams.receipts().position(), streams.typing().position(),
                streams.presence().position(), streams.toDevice().position(), deviceLists.position());
    }

    /**
     * @param fresh rooms sent in full in this response, with their timeline's event IDs
     */
    Result build(SlidingSyncRequest request, Snapshot before, Positions now, Map<RoomId, Selected> selected,
                 Map<RoomId, Set<EventId>> fresh) {
        UserId user = request.user();
        SlidingSyncRequest.Extensions config = request.extensions();
        ObjectNode out = Json.MAPPER.createObjectNode();
        boolean news = false;
        if (config.toDevice().enabled()) {
            Optional<Long> since = config.toDevice().since().map(SlidingExtensions::toDeviceSince);
            ToDevice.Batch batch = streams.toDevice().deliver(user, request.deviceId(), since, now.toDevice());
            ObjectNode toDevice = out.putObject("to_device");
            toDevice.put("next_batch", Long.toString(batch.nextPosition()));
            toDevice.putArray("events").addAll(batch.events());
            news |= !batch.events().isEmpty();
        }
        if (config.e2ee().enabled()) {
            ObjectNode e2ee = out.putObject("e2ee");
            ObjectNode lists = e2ee.putObject("device_lists");
            ArrayNode changed = lists.putArray("changed");
            ArrayNode left = lists.putArray("left");
            // As in /sync, a connection's first response has no changes: the client queries keys anew.
            if (request.pos().isPresent()) {
                DeviceLists.Changes changes = deviceLists.changesSince(user, before.positions().deviceLists(),
                        now.deviceLists());
                changes.changed().forEach(u -> changed.add(u.value()));
                changes.left().forEach(u -> left.add(u.value()));
                news |= !changes.isEmpty();
            }
            ObjectNode counts = e2ee.putObject("device_one_time_keys_count");
            ArrayNode fallback = e2ee.putArray("device_unused_fallback_key_types");
            request.deviceId().ifPresent(device -> {
                E2eeKeyStore.KeyCounts keys = deviceLists.keyCounts(user, device);
                keys.oneTimeKeys().forEach(counts::put);
                keys.unusedFallbackTypes().forEach(fallback::add);
            });
        }
        if (config.accountData().enabled()) {
            List<RoomId> scope = scope(config.accountData(), selected);
            ObjectNode section = out.putObject("account_data");
            ArrayNode global = section.putArray("global");
            ObjectNode rooms = section.putObject("rooms");
            for (AccountDataRow row : accountData.changesSince(user, before.positions().accountData())) {
                ObjectNode event = Json.MAPPER.createObjectNode().put("type", row.type());
                event.set("content", row.content());
                if (row.room().isEmpty()) {
                    global.add(event);
                } else if (scope.contains(row.room().get())) {
                    ArrayNode list = rooms.has(row.room().get().value()) ? (ArrayNode) rooms.get(row.room().get().value())
                            : rooms.putArray(row.room().get().value());
                    list.add(event);
                }
            }
            news |= !global.isEmpty() || !rooms.isEmpty();
        }
        if (config.receipts().enabled()) {
            ObjectNode rooms = out.putObject("receipts").putObject("rooms");
            List<RoomId> scope = scope(config.receipts(), selected);
            List<RoomId> known = scope.stream().filter(room -> !fresh.containsKey(room)).toList();
            List<ReceiptRow> rows = new ArrayList<>(streams.receipts().changes(known, before.positions().receipts(),
                    now.receipts()));
            // A room sent afresh gets the receipts of the events it was sent with (MSC3960).
            List<RoomId> freshInScope = scope.stream().filter(fresh::containsKey).toList();
            streams.receipts().changes(freshInScope, 0, now.receipts()).stream()
                    .filter(row -> fresh.get(row.roomId()).contains(row.eventId())).forEach(rows::add);
            Map<RoomId, List<ReceiptRow>> byRoom = new HashMap<>();
            rows.forEach(row -> byRoom.computeIfAbsent(row.roomId(), r -> new ArrayList<>()).add(row));
            byRoom.forEach((room, roomRows) -> streams.receipts().receiptEvent(user, roomRows)
                    .ifPresent(event -> rooms.set(room.value(), event)));
            news |= !rooms.isEmpty();
        }
        if (config.typing().enabled()) {
            ObjectNode rooms = out.putObject("typing").putObject("rooms");
            List<RoomId> scope = scope(config.typing(), selected);
            streams.typing().snapshot(scope).eventsSince(before.positions().typing(), fresh::containsKey)
                    .forEach((room, event) -> rooms.set(room.value(), event));
            news |= !rooms.isEmpty();
        }
        if (config.presence().enabled()) {
            List<RoomId> newRooms = before.positions().presence() == 0 ? List.of()
                    : fresh.keySet().stream().filter(r -> selected.get(r).entry().joined()).toList();
            ArrayNode events = out.putObject("presence").putArray("events");
            events.addAll(streams.presence().events(user, before.positions().presence(), now.presence(), newRooms));
            news |= !events.isEmpty();
        }
        return new Result(out, news);
    }

    /** The joined rooms an extension reports on. */
    private static List<RoomId> scope(Extension extension, Map<RoomId, Selected> selected) {
        List<RoomId> out = new ArrayList<>();
        selected.forEach((room, s) -> {
            if (!s.entry().joined()) {
                return;
            }
            boolean byList = extension.lists().map(lists -> lists.contains("*")
                    ? !s.lists().isEmpty() : s.lists().stream().anyMatch(lists::contains)).orElse(false);
            boolean byRoom = extension.rooms().map(rooms -> rooms.contains("*")
                    ? s.lists().isEmpty() : rooms.contains(room.value())).orElse(false);
            boolean unscoped = extension.lists().isEmpty() && extension.rooms().isEmpty();
            if (unscoped || byList || byRoom) {
                out.add(room);
            }
        });
        return out;
    }

    private static long toDeviceSince(String since) {
        try {
            long value = Long.parseLong(since);
            if (value < 0) {
                throw MatrixException.invalidParam("Invalid to_device since token");
            }
            return value;
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam("Invalid to_device since token");
        }
    }
}
