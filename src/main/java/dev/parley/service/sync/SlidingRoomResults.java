package dev.parley.service.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.room.EventFormatter;
import dev.parley.service.room.HistoryVisibility;
import dev.parley.service.sync.SlidingConnections.SentRoom;
import dev.parley.service.sync.SlidingRoomList.Selected;
import dev.parley.service.sync.SlidingSyncRequest.RoomConfig;
import dev.parley.store.RoomListStore;
import dev.parley.store.RoomListStore.MemberSummary;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One room's result in a sliding sync response (MSC4186, "Room results"): everything on the
 * first send over a connection ({@code initial}), afterwards only what changed since the room
 * was last sent: new timeline events, changed required state, name, avatar, member counts.
 */
final class SlidingRoomResults {
    private static final int MAX_HEROES = 5;

    /**
     * @param result the room's JSON, empty when nothing changed
     * @param sent what the connection now knows the client has of the room
     * @param timeline the IDs of the timeline events sent (receipts for them go with a first send)
     */
    record Built(Optional<ObjectNode> result, SentRoom sent, boolean initial, Set<EventId> timeline) {
    }

    private final RoomStore rooms;
    private final RoomListStore roomLists;
    private final RoomSections sections;
    private final HistoryVisibility visibility;
    private final EventFormatter formatter;

    SlidingRoomResults(RoomStore rooms, RoomListStore roomLists, RoomSections sections, HistoryVisibility visibility,
                       EventFormatter formatter) {
        this.rooms = rooms;
        this.roomLists = roomLists;
        this.sections = sections;
        this.visibility = visibility;
        this.formatter = formatter;
    }

    /**
     * @param previousPosition the event stream position of the connection's previous response
     *     (0 on a connection's first request): events after it are "live"
     */
    Built build(UserId user, Selected selected, Optional<SentRoom> before, long eventsNow, long previousPosition,
                boolean isDm, long notifications) {
        RoomId room = selected.entry().roomId();
        String membership = selected.entry().membership().membership();
        RoomConfig config = selected.config();
        RoomConfig remembered = before.map(b -> b.config().union(config)).orElse(config);
        boolean stillVisible = membership.equals("leave") || membership.equals("ban");
        boolean continues = before.isPresent() && (before.get().membership().equals(membership)
                || (stillVisible && before.get().membership().equals("join")));
        // A bigger timeline or more state than the client was sent: send the room afresh.
        boolean expanded = before.isPresent() && (config.timelineLimit() > before.get().config().timelineLimit()
                || !config.requiredState().coveredBy(before.get().config().requiredState()));
        boolean initial = !continues || expanded;
        // Until they join, a user sees no more of the room than their membership event.
        long upTo = membership.equals("join") ? eventsNow : Math.min(eventsNow, selected.entry().membership().position());

        if (membership.equals("invite") || membership.equals("knock")) {
            SentRoom sent = new SentRoom(upTo, membership, remembered, isDm, Set.of());
            if (!initial) {
                return new Built(Optional.empty(), sent, false, Set.of());
            }
            ObjectNode result = common(selected, membership, true);
            ArrayNode stripped = sections.strippedState(user, room);
            result.set("invite_state", stripped);
            result.set("stripped_state", stripped);
            if (isDm) {
                result.put("is_dm", true);
            }
            return new Built(Optional.of(result), sent, true, Set.of());
        }

        long from = initial ? 0 : before.get().upTo();
        if (!initial && upTo <= from) {
            if (before.get().isDm() != isDm) {
                ObjectNode result = common(selected, membership, false);
                result.put("is_dm", isDm);
                return new Built(Optional.of(result), new SentRoom(from, membership, remembered, isDm,
                        before.get().lazyMembers()), false, Set.of());
            }
            return new Built(Optional.empty(), new SentRoom(from, membership, remembered, isDm,
                    before.get().lazyMembers()), false, Set.of());
        }
        int limit = config.timelineLimit();
        List<StoredEvent> events = new ArrayList<>(rooms.recentEvents(room, from, upTo, limit));
        boolean limited = events.size() > limit;
        if (limited) {
            events.removeFirst();
        }
        HistoryVisibility.Viewer viewer = visibility.viewer(user, room);
        List<StoredEvent> shown = events.stream().filter(viewer::canSee).toList();
        ObjectNode result = common(selected, membership, initial);
        long timelineStart = events.isEmpty() ? upTo + 1 : events.getFirst().streamOrdering();
        result.putArray("timeline").addAll(formatter.format(shown, viewer));
        result.put("limited", limited);
        result.put("prev_batch", "s" + (timelineStart - 1));
        result.put("num_live", previousPosition == 0 ? 0
                : shown.stream().filter(e -> e.streamOrdering() > previousPosition).count());

        Map<StateKey, EventId> now = sections.stateAt(room, upTo);
        Map<StateKey, EventId> then = initial ? Map.of() : sections.stateAt(room, from);
        Set<UserId> lazySent = new HashSet<>(initial ? Set.of() : before.get().lazyMembers());
        Set<StateKey> wanted = new HashSet<>();
        Set<StateKey> deleted = new HashSet<>();
        now.forEach((key, id) -> {
            if (!id.equals(then.get(key)) && config.requiredState().wants(key, user)) {
                wanted.add(key);
            }
        });
        then.keySet().stream().filter(key -> !now.containsKey(key) && config.requiredState().wants(key, user))
                .forEach(deleted::add);
        if (config.requiredState().lazyMembers()) {
            // MSC4186, "Lazy loaded memberships": the senders and targets of the timeline's events...
            for (StoredEvent event : shown) {
                lazyMember(event.pdu().sender().value(), now, lazySent, wanted);
                if (StateKey.MEMBER.equals(event.pdu().type()) && event.pdu().stateKey() != null) {
                    lazyMember(event.pdu().stateKey(), now, lazySent, wanted);
                }
            }
            // ...and, without a gap, every membership that changed since the room was last sent.
            if (!initial && !limited) {
                now.forEach((key, id) -> {
                    if (StateKey.MEMBER.equals(key.type()) && !id.equals(then.get(key))) {
                        wanted.add(key);
                        lazySent.add(UserId.parse(key.stateKey()));
                    }
                });
            }
        }
        Set<StateKey> changed = new HashSet<>();
        now.forEach((key, id) -> {
            if (!id.equals(then.get(key))) {
                changed.add(key);
            }
        });
        changed.addAll(deleted);
        List<EventId> load = new ArrayList<>();
        wanted.forEach(key -> load.add(now.get(key)));
        for (StateKey key : List.of(new StateKey("m.room.name", ""), new StateKey("m.room.avatar", ""))) {
            if (now.containsKey(key) && changed.contains(key)) {
                load.add(now.get(key));
            }
        }
        Map<EventId, StoredEvent> loaded = new HashMap<>();
        rooms.events(load).forEach(e -> loaded.put(e.pdu().eventId(), e));
        List<StoredEvent> stateEvents = wanted.stream().map(key -> loaded.get(now.get(key))).filter(e -> e != null)
                .sorted(Comparator.comparingLong(StoredEvent::streamOrdering)).toList();
        ArrayNode requiredState = Json.MAPPER.createArrayNode().addAll(formatter.formatPlain(stateEvents));
        deleted.forEach(key -> requiredState.addObject().put("type", key.type()).put("state_key", key.stateKey()));
        result.set("required_state", requiredState);

        boolean hasName = nameAndAvatar(result, now, changed, loaded, initial);
        if (initial || changed.stream().anyMatch(k -> StateKey.MEMBER.equals(k.type()))) {
            members(result, user, room, membership.equals("join"), now, hasName);
        }
        if (membership.equals("join")) {
            result.put("notification_count", notifications);
            result.put("highlight_count", 0);
        }
        if (initial ? isDm : before.get().isDm() != isDm) {
            result.put("is_dm", isDm);
        }
        Set<EventId> timelineIds = new HashSet<>();
        shown.forEach(e -> timelineIds.add(e.pdu().eventId()));
        return new Built(Optional.of(result), new SentRoom(upTo, membership, remembered, isDm, Set.copyOf(lazySent)),
                initial, timelineIds);
    }

    private static void lazyMember(String userId, Map<StateKey, EventId> state, Set<UserId> sent, Set<StateKey> wanted) {
        StateKey key = StateKey.member(userId);
        if (state.containsKey(key) && sent.add(UserId.parse(userId))) {
            wanted.add(key);
        }
    }

    private static ObjectNode common(Selected selected, String membership, boolean initial) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        if (initial) {
            result.put("initial", true);
        }
        result.put("membership", membership);
        result.put("bump_stamp", selected.entry().bumpStamp());
        if (!selected.lists().isEmpty()) {
            ArrayNode lists = result.putArray("lists");
            selected.lists().forEach(lists::add);
        }
        return result;
    }

    /** Sets {@code name} and {@code avatar} when new or changed; returns whether the room has a name. */
    private static boolean nameAndAvatar(ObjectNode result, Map<StateKey, EventId> state, Set<StateKey> changed,
                                         Map<EventId, StoredEvent> loaded, boolean initial) {
        boolean named = false;
        for (String[] field : List.of(new String[] {"m.room.name", "name", "name"},
                new String[] {"m.room.avatar", "avatar", "url"})) {
            StateKey key = new StateKey(field[0], "");
            StoredEvent event = state.containsKey(key) ? loaded.get(state.get(key)) : null;
            JsonNode value = event == null ? null : event.pdu().content().get(field[2]);
            boolean present = value != null && value.isTextual() && !value.asText().isEmpty();
            if (field[1].equals("name")) {
                named = present || (!changed.contains(key) && state.containsKey(key));
            }
            if (changed.contains(key)) {
                if (present) {
                    result.put(field[1], value.asText());
                } else if (!initial) {
                    result.putNull(field[1]);
                }
            }
        }
        return named;
    }

    /** {@code joined_count}, {@code invited_count} and, for unnamed rooms, {@code heroes}. */
    private void members(ObjectNode result, UserId user, RoomId room, boolean joined, Map<StateKey, EventId> state,
                         boolean named) {
        // A joined room's state is its current state, counted in the database; a room the user
        // is no longer in is shown as of their leaving.
        MemberSummary members = joined
                ? roomLists.memberSummaries(user, List.of(room), MAX_HEROES).getOrDefault(room, MemberSummary.EMPTY)
                : summaryOf(user, state);
        result.put("joined_count", members.joined());
        result.put("invited_count", members.invited());
        if (!named) {
            Map<EventId, StoredEvent> loaded = new HashMap<>();
            rooms.events(members.heroes().values()).forEach(e -> loaded.put(e.pdu().eventId(), e));
            ArrayNode heroes = result.putArray("heroes");
            members.heroes().forEach((hero, eventId) -> {
                ObjectNode entry = heroes.addObject().put("user_id", hero.value());
                JsonNode content = Optional.ofNullable(loaded.get(eventId)).map(e -> e.pdu().content())
                        .orElse(Json.MAPPER.createObjectNode());
                if (content.path("displayname").isTextual()) {
                    entry.put("displayname", content.get("displayname").asText());
                }
                if (content.path("avatar_url").isTextual()) {
                    entry.put("avatar_url", content.get("avatar_url").asText());
                }
            });
        }
    }

    private MemberSummary summaryOf(UserId user, Map<StateKey, EventId> state) {
        List<EventId> ids = state.entrySet().stream().filter(e -> StateKey.MEMBER.equals(e.getKey().type()))
                .map(Map.Entry::getValue).toList();
        long joined = 0;
        long invited = 0;
        Map<UserId, EventId> others = new java.util.TreeMap<>(Comparator.comparing(UserId::value));
        for (StoredEvent member : rooms.events(ids)) {
            String membership = member.pdu().content().path("membership").asText();
            joined += membership.equals("join") ? 1 : 0;
            invited += membership.equals("invite") ? 1 : 0;
            if ((membership.equals("join") || membership.equals("invite")) && !user.value().equals(member.pdu().stateKey())) {
                others.put(UserId.parse(member.pdu().stateKey()), member.pdu().eventId());
            }
        }
        Map<UserId, EventId> heroes = new java.util.LinkedHashMap<>();
        others.entrySet().stream().limit(MAX_HEROES).forEach(e -> heroes.put(e.getKey(), e.getValue()));
        return new MemberSummary(joined, invited, heroes);
    }
}
