package dev.parley.service.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.service.accountdata.AccountDataService;
import dev.parley.service.accountdata.RoomTags;
import dev.parley.service.sync.SlidingSyncRequest.ListConfig;
import dev.parley.service.sync.SlidingSyncRequest.ListFilters;
import dev.parley.service.sync.SlidingSyncRequest.RoomConfig;
import dev.parley.store.AccountDataRow;
import dev.parley.store.RoomListStore;
import dev.parley.store.RoomListStore.UserRoom;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's room list for one user and what a sliding sync request's lists and subscriptions
 * select from it (MSC4186, "Lists and subscriptions"): the rooms the user is joined to, invited
 * to or knocked on, plus those they were kicked or banned from, and those they left if this
 * connection has sent them before; newest activity first. A few batch queries serve every room.
 */
final class SlidingRoomList {
    /** "Proper" activity for {@code bump_stamp} (MSC4186, room result "bump_stamp"). */
    static final Set<String> BUMP_TYPES = Set.of("m.room.create", "m.room.message", "m.room.encrypted", "m.sticker",
            "m.call.invite", "m.poll.start", "m.beacon_info");
    static final String DIRECT = "m.direct";

    /** One room of the list: the user's membership and how recently the room moved for them. */
    record Entry(UserRoom membership, long order, long bumpStamp) {
        RoomId roomId() {
            return membership.roomId();
        }

        boolean joined() {
            return membership.membership().equals("join");
        }
    }

    /**
     * What the request selected.
     *
     * @param rooms each selected room with its combined config and the lists that matched it
     * @param counts each list's count
     * @param dms the rooms {@code m.direct} names
     */
    record Selection(Map<RoomId, Selected> rooms, Map<String, Integer> counts, Map<RoomId, Entry> all, Set<RoomId> dms) {
    }

    record Selected(Entry entry, RoomConfig config, List<String> lists) {
    }

    private final RoomListStore store;
    private final RoomStore rooms;
    private final AccountDataService accountData;

    SlidingRoomList(RoomListStore store, RoomStore rooms, AccountDataService accountData) {
        this.store = store;
        this.rooms = rooms;
        this.accountData = accountData;
    }

    Selection select(UserId user, SlidingSyncRequest request, Set<RoomId> sentBefore, long eventsNow) {
        Map<RoomId, UserRoom> memberships = new HashMap<>();
        for (UserRoom room : store.userRooms(user, eventsNow)) {
            if (eligible(user, room, sentBefore)) {
                memberships.put(room.roomId(), room);
            }
        }
        Map<RoomId, Entry> all = new HashMap<>();
        memberships.forEach((id, room) -> {
            // A room the user is not in moves for them only when their membership does.
            long order = room.membership().equals("join") && room.latest() > 0 ? room.latest() : room.position();
            // The bump stamp is filled in below, for the selected rooms only.
            all.put(id, new Entry(room, order, room.position()));
        });
        List<Entry> ordered = all.values().stream()
                .sorted(Comparator.comparingLong(Entry::order).reversed().thenComparing(e -> e.roomId().value())).toList();
        Set<RoomId> dms = directRooms(user);
        RoomFacts facts = facts(user, request, all);

        Map<RoomId, Selected> selected = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        request.lists().forEach((name, list) -> {
            int index = 0;
            for (Entry entry : ordered) {
                if (!matches(list.filters(), entry, dms, facts)) {
                    continue;
                }
                if (list.inRange(index)) {
                    add(selected, entry, list.room(), Optional.of(name));
                }
                index++;
            }
            counts.put(name, index);
        });
        request.subscriptions().forEach((room, config) -> {
            Entry entry = all.get(room);
            // Only rooms the user may see; others are ignored, as the MSC says.
            if (entry != null) {
                add(selected, entry, config, Optional.empty());
            }
        });
        return new Selection(withBumpStamps(selected, eventsNow), counts, all, dms);
    }

    /** A joined room's bump stamp is its newest "proper" activity; other rooms' is the user's membership. */
    private Map<RoomId, Selected> withBumpStamps(Map<RoomId, Selected> selected, long eventsNow) {
        List<RoomId> joined = selected.values().stream().filter(s -> s.entry().joined()).map(s -> s.entry().roomId())
                .toList();
        Map<RoomId, Long> bumps = store.latestPositionsOfTypes(joined, BUMP_TYPES, eventsNow);
        Map<RoomId, Selected> out = new LinkedHashMap<>();
        selected.forEach((room, s) -> {
            Entry e = s.entry();
            Entry bumped = new Entry(e.membership(), e.order(), bumps.getOrDefault(room, e.bumpStamp()));
            out.put(room, new Selected(bumped, s.config(), s.lists()));
        });
        return out;
    }

    /** The MSC: kicked or banned rooms always; rooms the user left only if this connection sent them. */
    private static boolean eligible(UserId user, UserRoom room, Set<RoomId> sentBefore) {
        return switch (room.membership()) {
            case "join", "invite", "knock", "ban" -> true;
            case "leave" -> !room.sender().equals(user) || sentBefore.contains(room.roomId());
            default -> false;
        };
    }

    private static void add(Map<RoomId, Selected> selected, Entry entry, RoomConfig config, Optional<String> list) {
        selected.merge(entry.roomId(), new Selected(entry, config, list.map(List::of).orElse(List.of())),
                (a, b) -> {
                    List<String> lists = new ArrayList<>(a.lists());
                    lists.addAll(b.lists());
                    return new Selected(entry, a.config().union(b.config()), List.copyOf(lists));
                });
    }

    private static boolean matches(ListFilters filters, Entry entry, Set<RoomId> dms, RoomFacts facts) {
        RoomId room = entry.roomId();
        if (filters.isDm().isPresent() && filters.isDm().get() != dms.contains(room)) {
            return false;
        }
        if (filters.isInvite().isPresent()
                && filters.isInvite().get() != entry.membership().membership().equals("invite")) {
            return false;
        }
        if (filters.isEncrypted().isPresent() && filters.isEncrypted().get() != facts.encrypted.contains(room)) {
            return false;
        }
        String type = facts.types.getOrDefault(room, "");
        if (filters.roomTypes().isPresent() && !filters.roomTypes().get().contains(type)) {
            return false;
        }
        if (filters.notRoomTypes().contains(type)) {
            return false;
        }
        Set<String> tags = facts.tags.getOrDefault(room, Set.of());
        if (filters.notTags().stream().anyMatch(tags::contains)) {
            return false;
        }
        if (!filters.tags().isEmpty() && filters.tags().stream().noneMatch(tags::contains)) {
            return false;
        }
        return filters.spaces().isEmpty() || facts.spaceChildren.contains(room);
    }

    /** Each room's tags: the keys of {@code tags} in its {@code m.tag} room account data (Client-Server API, "Room Tagging"). */
    private Map<RoomId, Set<String>> roomTags(UserId user) {
        Map<RoomId, Set<String>> out = new HashMap<>();
        for (AccountDataRow row : accountData.changesSince(user, 0)) {
            JsonNode tags = row.content().path("tags");
            if (row.room().isPresent() && row.type().equals(RoomTags.ACCOUNT_DATA_TYPE) && tags.isObject()) {
                Set<String> names = new HashSet<>();
                tags.fieldNames().forEachRemaining(names::add);
                out.put(row.room().get(), names);
            }
        }
        return out;
    }

    /** The rooms the user's {@code m.direct} account data lists (Client-Server API, "Direct Messaging"). */
    private Set<RoomId> directRooms(UserId user) {
        Set<RoomId> out = new HashSet<>();
        accountData.find(user, Optional.empty(), DIRECT).ifPresent(content -> content.properties()
                .forEach(e -> e.getValue().forEach(id -> {
                    try {
                        out.add(RoomId.parse(id.asText()));
                    } catch (RuntimeException ignored) {
                        // Account data is the client's to write; a malformed entry names no room.
                    }
                })));
        return out;
    }

    /** The state the filters of this request need, read in batches and only if some list asks. */
    private record RoomFacts(Set<RoomId> encrypted, Map<RoomId, String> types, Set<RoomId> spaceChildren,
                             Map<RoomId, Set<String>> tags) {
    }

    private RoomFacts facts(UserId user, SlidingSyncRequest request, Map<RoomId, Entry> candidates) {
        boolean encryption = false;
        boolean types = false;
        boolean tags = false;
        Set<RoomId> spaces = new HashSet<>();
        for (ListConfig list : request.lists().values()) {
            encryption |= list.filters().isEncrypted().isPresent();
            types |= list.filters().roomTypes().isPresent() || !list.filters().notRoomTypes().isEmpty();
            list.filters().spaces().ifPresent(spaces::addAll);
            tags |= list.filters().usesTags();
        }
        Set<String> wanted = new HashSet<>();
        if (encryption) {
            wanted.add("m.room.encryption");
        }
        if (types) {
            wanted.add("m.room.create");
        }
        Map<RoomId, Map<StateKey, EventId>> state = store.currentStateOfTypes(candidates.keySet(), wanted);
        Set<RoomId> encrypted = new HashSet<>();
        List<EventId> createIds = new ArrayList<>();
        state.forEach((room, entries) -> entries.forEach((key, id) -> {
            if (key.type().equals("m.room.encryption")) {
                encrypted.add(room);
            } else if (key.type().equals("m.room.create")) {
                createIds.add(id);
            }
        }));
        Map<RoomId, String> roomTypes = new HashMap<>();
        for (StoredEvent create : rooms.events(createIds)) {
            JsonNode type = create.pdu().content().get("type");
            if (type != null && type.isTextual()) {
                roomTypes.put(create.pdu().roomId(), type.asText());
            }
        }
        // Only spaces the user is joined to count; their m.space.child entries name the children.
        List<RoomId> joinedSpaces = spaces.stream().filter(s -> candidates.containsKey(s) && candidates.get(s).joined())
                .toList();
        List<EventId> childIds = new ArrayList<>();
        store.currentStateOfTypes(joinedSpaces, joinedSpaces.isEmpty() ? Set.of() : Set.of("m.space.child"))
                .values().forEach(entries -> childIds.addAll(entries.values()));
        Set<RoomId> children = new HashSet<>();
        for (StoredEvent child : rooms.events(childIds)) {
            // Client-Server API, "Spaces": a child without a valid "via" is not a child (removed).
            JsonNode via = child.pdu().content().get("via");
            if (via != null && via.isArray() && !via.isEmpty()) {
                try {
                    children.add(RoomId.parse(child.pdu().stateKey()));
                } catch (RuntimeException ignored) {
                    // A child entry whose key is not a room ID names no room.
                }
            }
        }
        return new RoomFacts(encrypted, roomTypes, children, tags ? roomTags(user) : Map.of());
    }
}
