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
import dev.parley.store.RoomListStore;
import dev.parley.store.RoomListStore.MemberSummary;
import dev.parley.store.RoomStore;
import dev.parley.store.RoomStore.MembershipChange;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The per-room parts of a {@code /sync} response: joined, invited and left rooms. */
public final class RoomSections {
    /** Client-Server API, "Stripped state": what an invitee may see of a room before joining. */
    private static final Set<String> STRIPPED_TYPES = Set.of("m.room.create", "m.room.join_rules", "m.room.name",
            "m.room.avatar", "m.room.canonical_alias", "m.room.encryption", "m.room.topic");
    private static final int MAX_HEROES = 5;

    /** Rooms read together; bounds what one batch holds (and keeps its state groups in the cache). */
    private static final int ROOMS_PER_BATCH = 100;

    private final RoomStore rooms;
    private final RoomListStore roomLists;
    private final StateGroups stateGroups;
    private final HistoryVisibility visibility;
    private final EventFormatter formatter;
    private final SentMembers sentMembers = new SentMembers();

    public RoomSections(RoomStore rooms, RoomListStore roomLists, StateGroups stateGroups, HistoryVisibility visibility,
                        EventFormatter formatter) {
        this.rooms = rooms;
        this.roomLists = roomLists;
        this.stateGroups = stateGroups;
        this.visibility = visibility;
        this.formatter = formatter;
    }

    /**
     * The joined rooms' sections, in the order of {@code joined}; a room is absent when nothing
     * changed for it in ({@code since}, {@code upTo}]. The rooms are read in batches of
     * {@value #ROOMS_PER_BATCH}: one query per batch for their timelines, one for the state
     * groups, one for the state events, one for the member summaries, rather than each per room.
     *
     * @param fresh the rooms new to this sync (initial sync, full state, or a membership change):
     *     their timeline starts from the beginning and they get the state at its start and the summary
     * @param ephemeral each room's new ephemeral events (typing, receipts)
     * @param stateAfter {@code use_state_after} (v1.16): send {@code state_after}, the state changes up
     *     to the timeline's end, instead of {@code state}, those up to its start
     */
    Map<RoomId, ObjectNode> joined(UserId user, String deviceId, List<RoomId> joined, Set<RoomId> fresh, long since,
                                   long upTo, SyncFilter filter, boolean stateAfter,
                                   Map<RoomId, List<AccountDataRow>> accountData,
                                   Map<RoomId, List<ObjectNode>> ephemeral, Map<RoomId, Long> notifications) {
        Map<RoomId, ObjectNode> out = new LinkedHashMap<>();
        for (int from = 0; from < joined.size(); from += ROOMS_PER_BATCH) {
            List<RoomId> batch = joined.subList(from, Math.min(joined.size(), from + ROOMS_PER_BATCH));
            JoinedBatch rooms = new JoinedBatch(user, deviceId, fresh, since, upTo, filter, stateAfter);
            rooms.build(batch, accountData, ephemeral, notifications).forEach(out::put);
        }
        return out;
    }

    /** One batch of joined rooms, read together. */
    private final class JoinedBatch {
        private final UserId user;
        private final String deviceId;
        private final Set<RoomId> fresh;
        private final long since;
        private final long upTo;
        private final SyncFilter filter;
        private final boolean stateAfter;

        JoinedBatch(UserId user, String deviceId, Set<RoomId> fresh, long since, long upTo, SyncFilter filter,
                    boolean stateAfter) {
            this.user = user;
            this.deviceId = deviceId;
            this.fresh = fresh;
            this.since = since;
            this.upTo = upTo;
            this.filter = filter;
            this.stateAfter = stateAfter;
        }

        /** A room's timeline window: the events after {@code after}, and the one just before them if cut. */
        private record Window(long after, List<StoredEvent> events, boolean limited, Optional<StoredEvent> before) {
            long timelineStart(long upTo) {
                return events.isEmpty() ? upTo + 1 : events.getFirst().streamOrdering();
            }
        }

        Map<RoomId, ObjectNode> build(List<RoomId> batch, Map<RoomId, List<AccountDataRow>> accountData,
                                      Map<RoomId, List<ObjectNode>> ephemeral, Map<RoomId, Long> notifications) {
            int limit = filter.timelineLimit();
            List<RoomId> freshRooms = batch.stream().filter(fresh::contains).toList();
            List<RoomId> knownRooms = batch.stream().filter(r -> !fresh.contains(r)).toList();
            Map<RoomId, List<StoredEvent>> recent = new HashMap<>(rooms.recentEvents(freshRooms, 0, upTo, limit));
            recent.putAll(rooms.recentEvents(knownRooms, since, upTo, limit));
            Map<RoomId, Window> windows = new HashMap<>();
            for (RoomId room : batch) {
                List<StoredEvent> events = new ArrayList<>(recent.getOrDefault(room, List.of()));
                boolean limited = events.size() > limit;
                Optional<StoredEvent> before = limited ? Optional.of(events.removeFirst()) : Optional.empty();
                windows.put(room, new Window(fresh.contains(room) ? 0 : since, events, limited, before));
            }
            boolean lazy = filter.lazyLoadMembers();
            // Rooms that need the state as of the last sync: limited ones (to send what changed) and,
            // lazily loading, those with new events (the senders' memberships at the timeline's start);
            // for state_after, every room with new events (what they changed).
            List<RoomId> needSince = knownRooms.stream().filter(r -> windows.get(r).limited()
                    || ((lazy || stateAfter) && !windows.get(r).events().isEmpty())).toList();
            Map<RoomId, Long> groupAtSince = new HashMap<>();
            rooms.recentEvents(needSince, 0, since, 0).forEach((room, newest) ->
                    groupAtSince.put(room, newest.getLast().stateGroup()));

            Set<Long> groups = new HashSet<>(groupAtSince.values());
            windows.values().forEach(w -> {
                w.before().ifPresent(b -> groups.add(b.stateGroup()));
                w.events().forEach(e -> groups.add(e.stateGroup()));
            });
            Map<Long, Map<StateKey, EventId>> states = stateGroups.getAll(groups);

            // The state events every room may need, read at once: what the history-visibility
            // checks read, the state at each timeline's start, and the senders' memberships.
            Map<RoomId, Map<StateKey, EventId>> atStart = new HashMap<>();
            Set<EventId> wanted = new HashSet<>();
            for (RoomId room : batch) {
                Window w = windows.get(room);
                Map<StateKey, EventId> start = w.before().map(b -> states.get(b.stateGroup()))
                        .orElseGet(() -> w.after() == 0 ? Map.of() : states.getOrDefault(groupAtSince.get(room), Map.of()));
                atStart.put(room, start);
                w.events().forEach(e -> wanted.addAll(HistoryVisibility.readsFrom(user, states.get(e.stateGroup()))));
                start.forEach((key, id) -> {
                    if (!(lazy && StateKey.MEMBER.equals(key.type()))) {
                        wanted.add(id);
                    }
                });
                if (lazy) {
                    Optional.ofNullable(start.get(StateKey.member(user))).ifPresent(wanted::add);
                    w.events().forEach(e -> Optional.ofNullable(start.get(StateKey.member(e.pdu().sender().value())))
                            .ifPresent(wanted::add));
                }
            }
            Map<EventId, StoredEvent> loaded = new HashMap<>();
            rooms.events(wanted).forEach(e -> loaded.put(e.pdu().eventId(), e));

            Map<RoomId, List<StoredEvent>> shown = new LinkedHashMap<>();
            Map<RoomId, HistoryVisibility.Viewer> viewers = new HashMap<>();
            visibility.prepare(user, batch); // whether each room is forgotten, in one read
            for (RoomId room : batch) {
                Window w = windows.get(room);
                // One viewer for the room: it remembers each state group's answer across the timeline.
                HistoryVisibility.Viewer viewer = visibility.viewer(user, room, loaded);
                List<StoredEvent> visible = w.events().stream()
                        .filter(e -> filter.wantsInTimeline(e.pdu().type(), e.pdu().sender().value()) && viewer.canSee(e))
                        .toList();
                boolean quiet = visible.isEmpty() && !w.limited() && accountData.getOrDefault(room, List.of()).isEmpty()
                        && ephemeral.getOrDefault(room, List.of()).isEmpty();
                if (fresh.contains(room) || !quiet) {
                    shown.put(room, sorted(visible));
                    viewers.put(room, viewer);
                }
            }
            // Timeline events carry redacted_because and bundled aggregations, as in /messages.
            Map<RoomId, List<ObjectNode>> timelines = formatter.formatRooms(shown, viewers);
            List<RoomId> summarised = shown.keySet().stream().filter(room -> fresh.contains(room)
                    || shown.get(room).stream().anyMatch(e -> StateKey.MEMBER.equals(e.pdu().type()))).toList();
            Map<RoomId, MemberSummary> summaries = roomLists.memberSummaries(user, summarised, MAX_HEROES);

            Map<RoomId, ObjectNode> out = new LinkedHashMap<>();
            // Each room's state section, formatted for all rooms at once after the loop.
            Map<RoomId, List<StoredEvent>> stateEvents = new HashMap<>();
            Map<RoomId, ArrayNode> stateSections = new HashMap<>();
            for (RoomId room : shown.keySet()) {
                Window w = windows.get(room);
                ObjectNode section = Json.MAPPER.createObjectNode();
                ObjectNode timeline = section.putObject("timeline");
                timeline.putArray("events").addAll(timelines.get(room));
                timeline.put("limited", w.limited());
                timeline.put("prev_batch", "s" + (w.timelineStart(upTo) - 1));
                Map<StateKey, EventId> known = fresh.contains(room) ? Map.of()
                        : states.getOrDefault(groupAtSince.get(room), Map.of());
                if (stateAfter) {
                    // The state after the timeline's last event (the window's events all, shown or not).
                    Map<StateKey, EventId> atEnd = w.events().isEmpty() ? atStart.get(room)
                            : states.get(w.events().getLast().stateGroup());
                    stateSections.put(room, section.putObject("state_after").putArray("events"));
                    stateEvents.put(room, stateAfter(room, atEnd, known, shown.get(room), loaded));
                } else {
                    stateSections.put(room, section.putObject("state").putArray("events"));
                    stateEvents.put(room, state(room, w, atStart.get(room), known, shown.get(room), loaded));
                }
                if (summarised.contains(room)) {
                    section.set("summary", summary(summaries.getOrDefault(room, MemberSummary.EMPTY)));
                }
                // Counted without push rules until push lands: others' messages after the user's read receipt.
                ObjectNode unread = section.putObject("unread_notifications");
                unread.put("highlight_count", 0);
                unread.put("notification_count", notifications.getOrDefault(room, 0L));
                section.putObject("unread_thread_notifications");
                ArrayNode roomAccountData = section.putObject("account_data").putArray("events");
                accountData.getOrDefault(room, List.of())
                        .forEach(row -> roomAccountData.addObject().put("type", row.type()).set("content", row.content()));
                section.putObject("ephemeral").putArray("events").addAll(ephemeral.getOrDefault(room, List.of()));
                out.put(room, section);
            }
            formatter.formatPlainRooms(stateEvents).forEach((room, events) -> stateSections.get(room).addAll(events));
            return out;
        }

        /**
         * The state section: on a fresh or limited timeline the state at its start that the client
         * lacks; lazily loading, instead of every membership only the timeline senders' and the
         * user's own ("Lazy-loading room members"), each once per device.
         */
        private List<StoredEvent> state(RoomId room, Window w, Map<StateKey, EventId> atStart,
                                        Map<StateKey, EventId> known, List<StoredEvent> shown,
                                        Map<EventId, StoredEvent> loaded) {
            boolean lazy = filter.lazyLoadMembers();
            boolean isFresh = fresh.contains(room);
            List<EventId> ids = new ArrayList<>();
            if (isFresh || w.limited()) {
                atStart.forEach((key, id) -> {
                    if (!id.equals(known.get(key)) && !(lazy && StateKey.MEMBER.equals(key.type()))) {
                        ids.add(id);
                    }
                });
            }
            Map<EventId, String> lazyMembers = lazy && (isFresh || w.limited() || !shown.isEmpty())
                    ? lazyMembers(atStart, shown) : Map.of();
            ids.addAll(lazyMembers.keySet());
            return selectState(room, ids, lazyMembers, loaded);
        }

        /**
         * The {@code state_after} section: what changed between the last sync (nothing, when fresh)
         * and the timeline's end. Lazily loading, memberships are those of the timeline senders and
         * the user ("Lazy-loading room members"), each once per device, plus on an incremental sync
         * every membership that changed, since the client no longer reads state from the timeline.
         */
        private List<StoredEvent> stateAfter(RoomId room, Map<StateKey, EventId> atEnd, Map<StateKey, EventId> known,
                                             List<StoredEvent> shown, Map<EventId, StoredEvent> loaded) {
            boolean lazy = filter.lazyLoadMembers();
            boolean isFresh = fresh.contains(room);
            List<EventId> ids = new ArrayList<>();
            atEnd.forEach((key, id) -> {
                if (!id.equals(known.get(key)) && !(lazy && isFresh && StateKey.MEMBER.equals(key.type()))) {
                    ids.add(id);
                }
            });
            Map<EventId, String> lazyMembers = new HashMap<>();
            if (lazy) {
                lazyMembers(atEnd, shown).forEach((id, member) -> {
                    if (!ids.contains(id)) {
                        lazyMembers.put(id, member);
                    }
                });
                ids.addAll(lazyMembers.keySet());
            }
            return selectState(room, ids, lazyMembers, loaded);
        }

        /** The membership events, in {@code state}, of the user and of the senders of {@code shown}. */
        private Map<EventId, String> lazyMembers(Map<StateKey, EventId> state, List<StoredEvent> shown) {
            Set<String> members = new LinkedHashSet<>();
            members.add(user.value());
            shown.forEach(e -> members.add(e.pdu().sender().value()));
            Map<EventId, String> lazyMembers = new HashMap<>();
            for (String member : members) {
                EventId id = state.get(StateKey.member(member));
                if (id != null) {
                    lazyMembers.put(id, member);
                }
            }
            return lazyMembers;
        }

        /** The state events {@code ids}, filtered, with lazily loaded members not yet sent to the device. */
        private List<StoredEvent> selectState(RoomId room, List<EventId> ids, Map<EventId, String> lazyMembers,
                                              Map<EventId, StoredEvent> loaded) {
            List<StoredEvent> stateEvents = new ArrayList<>();
            List<EventId> missing = new ArrayList<>();
            ids.forEach(id -> {
                StoredEvent e = loaded.get(id);
                if (e != null) {
                    stateEvents.add(e);
                } else {
                    missing.add(id);
                }
            });
            stateEvents.addAll(rooms.events(missing));
            return sorted(stateEvents.stream()
                    .filter(e -> filter.wantsInState(e.pdu().type(), e.pdu().sender().value()))
                    .filter(e -> !lazyMembers.containsKey(e.pdu().eventId()) || filter.includeRedundantMembers()
                            || sentMembers.firstTime(user, deviceId, room, lazyMembers.get(e.pdu().eventId())))
                    .toList());
        }
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

    /**
     * A room the user left (or was removed from) since the last sync: the timeline up to leaving.
     * With {@code stateAfter} ({@code use_state_after}), {@code state_after} holds the timeline's
     * state events, the latest of each key, in place of the (empty) {@code state}.
     */
    ObjectNode left(UserId user, MembershipChange change, long after, SyncFilter filter, boolean stateAfter) {
        ObjectNode section = Json.MAPPER.createObjectNode();
        List<StoredEvent> events = new ArrayList<>(rooms.recentEvents(change.roomId(), after, change.streamOrdering(),
                filter.timelineLimit()));
        boolean limited = events.size() > filter.timelineLimit();
        if (limited) {
            events.removeFirst();
        }
        ObjectNode timeline = section.putObject("timeline");
        HistoryVisibility.Viewer viewer = visibility.viewer(user, change.roomId());
        List<StoredEvent> visible = sorted(events.stream().filter(e -> viewer.canSee(e)).toList());
        timeline.putArray("events").addAll(formatter.format(visible.stream()
                .filter(e -> filter.wantsInTimeline(e.pdu().type(), e.pdu().sender().value())).toList(), viewer));
        timeline.put("limited", limited);
        timeline.put("prev_batch", "s" + (events.isEmpty() ? change.streamOrdering() : events.getFirst().streamOrdering() - 1));
        if (stateAfter) {
            Map<StateKey, StoredEvent> latest = new LinkedHashMap<>();
            visible.stream().filter(e -> e.pdu().isState() && filter.wantsInState(e.pdu().type(), e.pdu().sender().value()))
                    .forEach(e -> {
                        StateKey key = new StateKey(e.pdu().type(), e.pdu().stateKey());
                        latest.remove(key);
                        latest.put(key, e);
                    });
            section.putObject("state_after").putArray("events").addAll(formatter.formatPlain(List.copyOf(latest.values())));
        } else {
            section.putObject("state").putArray("events");
        }
        section.putObject("account_data").putArray("events");
        return section;
    }

    private static ObjectNode summary(MemberSummary members) {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        ArrayNode heroes = summary.putArray("m.heroes");
        members.heroes().keySet().forEach(hero -> heroes.add(hero.value()));
        summary.put("m.joined_member_count", members.joined());
        summary.put("m.invited_member_count", members.invited());
        return summary;
    }

    private static List<StoredEvent> sorted(List<StoredEvent> events) {
        return events.stream().sorted(java.util.Comparator.comparingLong(StoredEvent::streamOrdering)).toList();
    }
}
