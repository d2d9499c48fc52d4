package dev.parley.service.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.room.ClientEvents;
import dev.parley.service.room.EventFormatter;
import dev.parley.service.room.HistoryVisibility;
import dev.parley.service.room.StateGroups;
import dev.parley.store.AccountDataRow;
import dev.parley.store.RoomStore;
import dev.parley.store.RoomStore.MembershipChange;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The per-room parts of a {@code /sync} response: joined, invited and left rooms. */
public final class RoomSections {
    /** Client-Server API, "Stripped state": what an invitee may see of a room before joining. */
    private static final Set<String> STRIPPED_TYPES = Set.of("m.room.create", "m.room.join_rules", "m.room.name",
            "m.room.avatar", "m.room.canonical_alias", "m.room.encryption", "m.room.topic");
    private static final int MAX_HEROES = 5;

    private final RoomStore rooms;
    private final StateGroups stateGroups;
    private final HistoryVisibility visibility;
    private final EventFormatter formatter;
    private final SentMembers sentMembers = new SentMembers();

    public RoomSections(RoomStore rooms, StateGroups stateGroups, HistoryVisibility visibility, EventFormatter formatter) {
        this.rooms = rooms;
        this.stateGroups = stateGroups;
        this.visibility = visibility;
        this.formatter = formatter;
    }

    /**
     * A joined room's section, or empty when nothing changed in ({@code after}, {@code upTo}].
     *
     * @param fresh the room is new to this sync (initial sync, full state, or a membership change):
     *     send the state at the start of the timeline and the summary
     * @param ephemeral the room's new ephemeral events (typing, receipts)
     */
    Optional<ObjectNode> joined(UserId user, String deviceId, RoomId room, long after, long upTo, SyncFilter filter,
                                boolean fresh, List<AccountDataRow> accountData, List<ObjectNode> ephemeral,
                                long notifications) {
        List<StoredEvent> events = new ArrayList<>(rooms.recentEvents(room, after, upTo, filter.timelineLimit()));
        boolean limited = events.size() > filter.timelineLimit();
        if (limited) {
            events.removeFirst();
        }
        // One viewer for the room: it remembers each state group's answer across the timeline.
        HistoryVisibility.Viewer viewer = visibility.viewer(user, room);
        List<StoredEvent> shown = events.stream()
                .filter(e -> filter.wantsInTimeline(e.pdu().type(), e.pdu().sender().value()) && viewer.canSee(e))
                .toList();
        if (!fresh && shown.isEmpty() && !limited && accountData.isEmpty() && ephemeral.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode section = Json.MAPPER.createObjectNode();
        long timelineStart = events.isEmpty() ? upTo + 1 : events.getFirst().streamOrdering();
        ObjectNode timeline = section.putObject("timeline");
        // Timeline events carry redacted_because and bundled aggregations, as in /messages.
        timeline.set("events", Json.MAPPER.valueToTree(formatter.format(sorted(shown), viewer)));
        timeline.put("limited", limited);
        timeline.put("prev_batch", "s" + (timelineStart - 1));

        ArrayNode state = section.putObject("state").putArray("events");
        boolean lazy = filter.lazyLoadMembers();
        Map<StateKey, EventId> atStart = fresh || limited || (lazy && !shown.isEmpty())
                ? stateAt(room, timelineStart - 1) : Map.of();
        List<EventId> ids = new ArrayList<>();
        if (fresh || limited) {
            Map<StateKey, EventId> known = fresh ? Map.of() : stateAt(room, after);
            atStart.forEach((key, id) -> {
                // Lazy loading: memberships are sent below, only for the timeline's senders.
                if (!id.equals(known.get(key)) && !(lazy && StateKey.MEMBER.equals(key.type()))) {
                    ids.add(id);
                }
            });
        }
        Map<EventId, String> lazyMembers = new HashMap<>();
        if (lazy) {
            // "Lazy-loading room members": the senders of the timeline's events, and the syncing user.
            Set<String> members = new java.util.LinkedHashSet<>();
            members.add(user.value());
            shown.forEach(e -> members.add(e.pdu().sender().value()));
            for (String member : members) {
                EventId id = atStart.get(StateKey.member(member));
                if (id != null) {
                    lazyMembers.put(id, member);
                }
            }
            ids.addAll(lazyMembers.keySet());
        }
        List<StoredEvent> stateEvents = rooms.events(ids).stream()
                .filter(e -> filter.wantsInState(e.pdu().type(), e.pdu().sender().value()))
                .filter(e -> !lazyMembers.containsKey(e.pdu().eventId()) || filter.includeRedundantMembers()
                        || sentMembers.firstTime(user, deviceId, room, lazyMembers.get(e.pdu().eventId())))
                .toList();
        state.addAll(formatted(stateEvents));
        if (fresh || shown.stream().anyMatch(e -> StateKey.MEMBER.equals(e.pdu().type()))) {
            section.set("summary", summary(user, room));
        }
        // Counted without push rules until push lands: others' messages after the user's read receipt.
        ObjectNode unread = section.putObject("unread_notifications");
        unread.put("highlight_count", 0);
        unread.put("notification_count", notifications);
        section.putObject("unread_thread_notifications");
        ArrayNode roomAccountData = section.putObject("account_data").putArray("events");
        accountData.forEach(row -> roomAccountData.addObject().put("type", row.type()).set("content", row.content()));
        section.putObject("ephemeral").putArray("events").addAll(ephemeral);
        return Optional.of(section);
    }

    /** An initial or full-state sync of the device: lazily loaded members are all sent afresh. */
    void forgetSentMembers(UserId user, String deviceId) {
        sentMembers.forget(user, deviceId);
    }

    /** An invite: the stripped state of the room, with the invite itself. */
    ObjectNode invited(UserId user, RoomId room) {
        ObjectNode section = Json.MAPPER.createObjectNode();
        section.putObject("invite_state").set("events", strippedState(user, room));
        return section;
    }

    /** A knock: the stripped state of the room, with the knock itself (Client-Server API, "Knocking on rooms"). */
    ObjectNode knocked(UserId user, RoomId room) {
        ObjectNode section = Json.MAPPER.createObjectNode();
        section.putObject("knock_state").set("events", strippedState(user, room));
        return section;
    }

    /** The room's stripped state events as the user may see them before joining, with their own membership. */
    ArrayNode strippedState(UserId user, RoomId room) {
        ArrayNode events = Json.MAPPER.createArrayNode();
        List<EventId> ids = new ArrayList<>();
        rooms.currentState(room).forEach((key, id) -> {
            if (STRIPPED_TYPES.contains(key.type()) || key.equals(StateKey.member(user))) {
                ids.add(id);
            }
        });
        for (StoredEvent e : rooms.events(ids)) {
            events.add(ClientEvents.stripped(e.pdu()));
        }
        return events;
    }

    /** A room the user left (or was removed from) since the last sync: the timeline up to leaving. */
    ObjectNode left(UserId user, MembershipChange change, long after, SyncFilter filter) {
        ObjectNode section = Json.MAPPER.createObjectNode();
        List<StoredEvent> events = new ArrayList<>(rooms.recentEvents(change.roomId(), after, change.streamOrdering(),
                filter.timelineLimit()));
        boolean limited = events.size() > filter.timelineLimit();
        if (limited) {
            events.removeFirst();
        }
        ObjectNode timeline = section.putObject("timeline");
        HistoryVisibility.Viewer viewer = visibility.viewer(user, change.roomId());
        timeline.set("events", Json.MAPPER.valueToTree(formatter.format(
                sorted(events.stream().filter(e -> filter.wantsInTimeline(e.pdu().type(), e.pdu().sender().value())
                        && viewer.canSee(e)).toList()), viewer)));
        timeline.put("limited", limited);
        timeline.put("prev_batch", "s" + (events.isEmpty() ? change.streamOrdering() : events.getFirst().streamOrdering() - 1));
        section.putObject("state").putArray("events");
        section.putObject("account_data").putArray("events");
        return section;
    }

    /** The room's state as of stream position {@code position} (after the newest event at or before it). */
    Map<StateKey, EventId> stateAt(RoomId room, long position) {
        List<StoredEvent> newest = rooms.recentEvents(room, 0, position, 0);
        return newest.isEmpty() ? Map.of() : stateGroups.get(newest.getLast().stateGroup());
    }

    private ObjectNode summary(UserId user, RoomId room) {
        Map<StateKey, EventId> state = rooms.currentState(room);
        List<EventId> memberIds = state.entrySet().stream().filter(e -> StateKey.MEMBER.equals(e.getKey().type()))
                .map(Map.Entry::getValue).toList();
        int joined = 0;
        int invited = 0;
        Map<String, String> others = new HashMap<>();
        for (StoredEvent member : rooms.events(memberIds)) {
            String membership = member.pdu().content().path("membership").asText();
            joined += membership.equals("join") ? 1 : 0;
            invited += membership.equals("invite") ? 1 : 0;
            if ((membership.equals("join") || membership.equals("invite")) && !Objects.equals(member.pdu().stateKey(), user.value())) {
                others.put(member.pdu().stateKey(), membership);
            }
        }
        ObjectNode summary = Json.MAPPER.createObjectNode();
        ArrayNode heroes = summary.putArray("m.heroes");
        others.keySet().stream().sorted().limit(MAX_HEROES).forEach(heroes::add);
        summary.put("m.joined_member_count", joined);
        summary.put("m.invited_member_count", invited);
        return summary;
    }

    private ArrayNode formatted(List<StoredEvent> events) {
        return Json.MAPPER.valueToTree(formatter.formatPlain(sorted(events)));
    }

    private static List<StoredEvent> sorted(List<StoredEvent> events) {
        return events.stream().sorted(java.util.Comparator.comparingLong(StoredEvent::streamOrdering)).toList();
    }
}
