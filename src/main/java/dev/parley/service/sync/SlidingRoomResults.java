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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rooms' results in a sliding sync response (MSC4186, "Room results"): everything on a
 * room's first send over a connection ({@code initial}), afterwards only what changed since the
 * room was last sent: new timeline events, changed required state, name, avatar, member counts.
 * The rooms of a response are read together ({@link SlidingRoomReads}).
 */
final class SlidingRoomResults {
    private static final int MAX_HEROES = 5;
    /** Rooms read together, as in {@code /sync}: bounds what one batch holds (and keeps its state groups cached). */
    private static final int ROOMS_PER_BATCH = 100;
    private static final StateKey NAME = new StateKey("m.room.name", "");
    /** The state behind a result's {@code name} and {@code avatar}. */
    private static final List<StateKey> NAMING = List.of(NAME, new StateKey("m.room.avatar", ""));

    /**
     * @param result the room's JSON, empty when nothing changed
     * @param sent what the connection now knows the client has of the room
     * @param timeline the IDs of the timeline events sent (receipts for them go with a first send)
     */
    record Built(Optional<ObjectNode> result, SentRoom sent, boolean initial, Set<EventId> timeline) {
    }

    private final RoomStore rooms;
    private final RoomListStore roomLists;
    private final SlidingRoomReads reads;
    private final RoomSections sections;
    private final HistoryVisibility visibility;
    private final EventFormatter formatter;

    SlidingRoomResults(RoomSyncParts parts, RoomListStore roomLists) {
        this.rooms = parts.rooms();
        this.roomLists = roomLists;
        this.reads = new SlidingRoomReads(parts.rooms(), parts.stateGroups());
        this.sections = parts.sections();
        this.visibility = parts.visibility();
        this.formatter = parts.formatter();
    }

    /**
     * The results of the {@code selected} rooms, in their order. The rooms are read together in
     * batches of {@value #ROOMS_PER_BATCH}, as {@code /sync}'s joined rooms are ({@link RoomSections}):
     * one query for the timelines of all rooms sent from the same position, one walk of the state
     * groups, one read of the state events, one of the member summaries and one of the heroes,
     * rather than each per room.
     *
     * @param before what the connection sent of each room before
     * @param previousPosition the event stream position of the connection's previous response
     *     (0 on a connection's first request): events after it are "live"
     * @param dms the rooms {@code m.direct} names
     * @param notifications each joined room's notification count (absent: none)
     */
    Map<RoomId, Built> build(UserId user, Collection<Selected> selected, Map<RoomId, SentRoom> before, long eventsNow,
                             long previousPosition, Set<RoomId> dms, Map<RoomId, Long> notifications) {
        Map<RoomId, Built> built = new HashMap<>();
        List<Plan> reading = new ArrayList<>();
        for (Selected s : selected) {
            RoomId room = s.entry().roomId();
            Plan plan = plan(s, Optional.ofNullable(before.get(room)), eventsNow, dms.contains(room),
                    notifications.getOrDefault(room, 0L));
            withoutTimeline(user, plan).ifPresentOrElse(b -> built.put(room, b), () -> reading.add(plan));
        }
        for (int from = 0; from < reading.size(); from += ROOMS_PER_BATCH) {
            built.putAll(withTimelines(user, reading.subList(from, Math.min(reading.size(), from + ROOMS_PER_BATCH)),
                    previousPosition));
        }
        Map<RoomId, Built> out = new LinkedHashMap<>();
        selected.forEach(s -> out.put(s.entry().roomId(), built.get(s.entry().roomId())));
        return out;
    }

    /**
     * What one room's result covers.
     *
     * @param initial whether the room is sent afresh
     * @param from the position after which its timeline starts
     * @param upTo the position its result is up to
     */
    private record Plan(Selected selected, Optional<SentRoom> before, String membership, RoomConfig config,
                        RoomConfig remembered, boolean initial, long from, long upTo, boolean isDm, long notifications) {
        RoomId room() {
            return selected.entry().roomId();
        }

        boolean joined() {
            return membership.equals("join");
        }
    }

    private static Plan plan(Selected selected, Optional<SentRoom> before, long eventsNow, boolean isDm,
                             long notifications) {
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
        long from = initial ? 0 : before.get().upTo();
        return new Plan(selected, before, membership, config, remembered, initial, from, upTo, isDm, notifications);
    }

    /** The result of an invite or knock, or of a room with nothing new; empty when the room's timeline is to be read. */
    private Optional<Built> withoutTimeline(UserId user, Plan plan) {
        String membership = plan.membership();
        boolean isDm = plan.isDm();
        if (membership.equals("invite") || membership.equals("knock")) {
            SentRoom sent = new SentRoom(plan.upTo(), membership, plan.remembered(), isDm, Set.of());
            if (!plan.initial()) {
                return Optional.of(new Built(Optional.empty(), sent, false, Set.of()));
            }
            ObjectNode result = common(plan.selected(), membership, true);
            ArrayNode stripped = sections.strippedState(user, plan.room());
            result.set("invite_state", stripped);
            result.set("stripped_state", stripped);
            if (isDm) {
                result.put("is_dm", true);
            }
            return Optional.of(new Built(Optional.of(result), sent, true, Set.of()));
        }
        if (plan.initial() || plan.upTo() > plan.from()) {
            return Optional.empty();
        }
        SentRoom before = plan.before().orElseThrow();
        SentRoom sent = new SentRoom(plan.from(), membership, plan.remembered(), isDm, before.lazyMembers());
        if (before.isDm() != isDm) {
            ObjectNode result = common(plan.selected(), membership, false);
            result.put("is_dm", isDm);
            return Optional.of(new Built(Optional.of(result), sent, false, Set.of()));
        }
        return Optional.of(new Built(Optional.empty(), sent, false, Set.of()));
    }

    /** The rooms whose timeline and state are read, all together. */
    private Map<RoomId, Built> withTimelines(UserId user, List<Plan> plans, long previousPosition) {
        if (plans.isEmpty()) {
            return Map.of();
        }
        SlidingRoomReads.Read read = reads.read(plans.stream().map(p -> new SlidingRoomReads.Window(p.room(), p.from(),
                p.upTo(), p.config().timelineLimit(), p.initial())).toList());

        // Every state event any room may need, read at once: what the history-visibility checks
        // read, the required state (with the memberships of all the timeline's senders, a
        // superset of the visible ones'), the name and avatar, and a left room's memberships.
        Set<EventId> load = new HashSet<>();
        for (Plan plan : plans) {
            RoomId room = plan.room();
            Map<StateKey, EventId> now = read.now(room);
            List<StoredEvent> timeline = read.timeline(room);
            timeline.forEach(e -> load.addAll(HistoryVisibility.readsFrom(user, read.state(e.stateGroup()))));
            SlidingStateDiff wide = diff(user, plan, read, timeline);
            wide.wanted().forEach(key -> load.add(now.get(key)));
            NAMING.stream().filter(key -> now.containsKey(key) && wide.changed().contains(key)).forEach(key ->
                    load.add(now.get(key)));
            if (!plan.joined() && (plan.initial() || wide.membersChanged())) {
                load.addAll(memberEvents(now));
            }
        }
        Map<EventId, StoredEvent> loaded = new HashMap<>();
        rooms.events(load).forEach(e -> loaded.put(e.pdu().eventId(), e));

        visibility.prepare(user, plans.stream().map(Plan::room).filter(room -> !read.timeline(room).isEmpty()).toList());
        Map<RoomId, List<StoredEvent>> shown = new HashMap<>();
        Map<RoomId, HistoryVisibility.Viewer> viewers = new HashMap<>();
        Map<RoomId, SlidingStateDiff> diffs = new HashMap<>();
        for (Plan plan : plans) {
            HistoryVisibility.Viewer viewer = visibility.viewer(user, plan.room(), loaded);
            List<StoredEvent> visible = read.timeline(plan.room()).stream().filter(viewer::canSee).toList();
            shown.put(plan.room(), visible);
            viewers.put(plan.room(), viewer);
            diffs.put(plan.room(), diff(user, plan, read, visible));
        }
        // Timeline events carry redacted_because and bundled aggregations, as in /messages.
        Map<RoomId, List<ObjectNode>> timelines = formatter.formatRooms(shown, viewers);
        Map<RoomId, List<StoredEvent>> required = new HashMap<>();
        for (Plan plan : plans) {
            Map<StateKey, EventId> now = read.now(plan.room());
            required.put(plan.room(), diffs.get(plan.room()).wanted().stream().map(key -> loaded.get(now.get(key)))
                    .filter(e -> e != null).sorted(Comparator.comparingLong(StoredEvent::streamOrdering)).toList());
        }
        Map<RoomId, List<ObjectNode>> requiredState = formatter.formatPlainRooms(required);
        Members members = members(user, plans, read, diffs, loaded);

        Map<RoomId, Built> out = new HashMap<>();
        for (Plan plan : plans) {
            RoomId room = plan.room();
            out.put(room, result(plan, read, shown.get(room), timelines.get(room), requiredState.get(room),
                    diffs.get(room), loaded, Optional.ofNullable(members.summaries().get(room)), members.heroes(),
                    previousPosition));
        }
        return out;
    }

    private static SlidingStateDiff diff(UserId user, Plan plan, SlidingRoomReads.Read read, List<StoredEvent> timeline) {
        return SlidingStateDiff.of(user, plan.config(), read.now(plan.room()), read.then(plan.room()), plan.initial(),
                read.limited(plan.room()), timeline, plan.before().map(SentRoom::lazyMembers).orElse(Set.of()));
    }

    private Built result(Plan plan, SlidingRoomReads.Read read, List<StoredEvent> shown, List<ObjectNode> timeline,
                         List<ObjectNode> requiredEvents, SlidingStateDiff diff, Map<EventId, StoredEvent> loaded,
                         Optional<MemberSummary> counts, Map<EventId, StoredEvent> heroEvents, long previousPosition) {
        RoomId room = plan.room();
        boolean initial = plan.initial();
        List<StoredEvent> events = read.timeline(room);
        ObjectNode result = common(plan.selected(), plan.membership(), initial);
        long timelineStart = events.isEmpty() ? plan.upTo() + 1 : events.getFirst().streamOrdering();
        result.putArray("timeline").addAll(timeline);
        result.put("limited", read.limited(room));
        result.put("prev_batch", "s" + (timelineStart - 1));
        result.put("num_live", previousPosition == 0 ? 0
                : shown.stream().filter(e -> e.streamOrdering() > previousPosition).count());

        Map<StateKey, EventId> now = read.now(room);
        ArrayNode requiredState = Json.MAPPER.createArrayNode().addAll(requiredEvents);
        diff.deleted().forEach(key -> requiredState.addObject().put("type", key.type()).put("state_key", key.stateKey()));
        result.set("required_state", requiredState);

        nameAndAvatar(result, now, diff.changed(), loaded, initial);
        counts.ifPresent(members -> {
            result.put("joined_count", members.joined());
            result.put("invited_count", members.invited());
            if (!named(now, diff.changed(), loaded)) {
                ArrayNode heroes = result.putArray("heroes");
                members.heroes().forEach((hero, eventId) -> {
                    ObjectNode entry = heroes.addObject().put("user_id", hero.value());
                    JsonNode content = Optional.ofNullable(heroEvents.get(eventId)).map(e -> e.pdu().content())
                            .orElse(Json.MAPPER.createObjectNode());
                    if (content.path("displayname").isTextual()) {
                        entry.put("displayname", content.get("displayname").asText());
                    }
                    if (content.path("avatar_url").isTextual()) {
                        entry.put("avatar_url", content.get("avatar_url").asText());
                    }
                });
            }
        });
        if (plan.joined()) {
            result.put("notification_count", plan.notifications());
            result.put("highlight_count", 0);
        }
        if (initial ? plan.isDm() : plan.before().get().isDm() != plan.isDm()) {
            result.put("is_dm", plan.isDm());
        }
        Set<EventId> timelineIds = new HashSet<>();
        shown.forEach(e -> timelineIds.add(e.pdu().eventId()));
        return new Built(Optional.of(result), new SentRoom(plan.upTo(), plan.membership(), plan.remembered(),
                plan.isDm(), Set.copyOf(diff.lazySent())), initial, timelineIds);
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

    /** Sets {@code name} and {@code avatar} when new or changed. */
    private static void nameAndAvatar(ObjectNode result, Map<StateKey, EventId> state, Set<StateKey> changed,
                                      Map<EventId, StoredEvent> loaded, boolean initial) {
        for (String[] field : List.of(new String[] {"name", "name"}, new String[] {"avatar", "url"})) {
            StateKey key = new StateKey("m.room." + field[0], "");
            if (changed.contains(key)) {
                Optional<String> value = text(state, key, field[1], loaded);
                if (value.isPresent()) {
                    result.put(field[0], value.get());
                } else if (!initial) {
                    result.putNull(field[0]);
                }
            }
        }
    }

    /** Whether the room has a name: one sent now, or one the client already has. */
    private static boolean named(Map<StateKey, EventId> state, Set<StateKey> changed, Map<EventId, StoredEvent> loaded) {
        return text(state, NAME, "name", loaded).isPresent() || (!changed.contains(NAME) && state.containsKey(NAME));
    }

    /** A non-empty string field of the state event at {@code key}, if it was loaded. */
    private static Optional<String> text(Map<StateKey, EventId> state, StateKey key, String field,
                                         Map<EventId, StoredEvent> loaded) {
        StoredEvent event = state.containsKey(key) ? loaded.get(state.get(key)) : null;
        JsonNode value = event == null ? null : event.pdu().content().get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText())
                : Optional.empty();
    }

    /** The member counts of the rooms whose result carries them, and the membership events of their heroes. */
    private record Members(Map<RoomId, MemberSummary> summaries, Map<EventId, StoredEvent> heroes) {
    }

    /**
     * {@code joined_count}, {@code invited_count} and, for unnamed rooms, {@code heroes}, of the
     * rooms sent afresh or whose memberships changed.
     */
    private Members members(UserId user, List<Plan> plans, SlidingRoomReads.Read read,
                            Map<RoomId, SlidingStateDiff> diffs, Map<EventId, StoredEvent> loaded) {
        List<Plan> counted = plans.stream().filter(p -> p.initial() || diffs.get(p.room()).membersChanged()).toList();
        // A joined room's state is its current state, counted in the database; a room the user
        // is no longer in is shown as of their leaving.
        Map<RoomId, MemberSummary> joined = roomLists.memberSummaries(user,
                counted.stream().filter(Plan::joined).map(Plan::room).toList(), MAX_HEROES);
        Map<RoomId, MemberSummary> summaries = new HashMap<>();
        List<EventId> heroIds = new ArrayList<>();
        for (Plan plan : counted) {
            RoomId room = plan.room();
            MemberSummary summary = plan.joined() ? joined.getOrDefault(room, MemberSummary.EMPTY)
                    : summaryOf(user, read.now(room), loaded);
            summaries.put(room, summary);
            if (!named(read.now(room), diffs.get(room).changed(), loaded)) {
                heroIds.addAll(summary.heroes().values());
            }
        }
        Map<EventId, StoredEvent> heroes = new HashMap<>();
        rooms.events(heroIds).forEach(e -> heroes.put(e.pdu().eventId(), e));
        return new Members(summaries, heroes);
    }

    private static List<EventId> memberEvents(Map<StateKey, EventId> state) {
        return state.entrySet().stream().filter(e -> StateKey.MEMBER.equals(e.getKey().type()))
                .map(Map.Entry::getValue).toList();
    }

    private static MemberSummary summaryOf(UserId user, Map<StateKey, EventId> state, Map<EventId, StoredEvent> loaded) {
        long joined = 0;
        long invited = 0;
        Map<UserId, EventId> others = new java.util.TreeMap<>(Comparator.comparing(UserId::value));
        for (EventId id : memberEvents(state)) {
            StoredEvent member = loaded.get(id);
            if (member == null) {
                continue;
            }
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
