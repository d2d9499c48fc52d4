package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.PublicRoomsResponse.Chunk;
import dev.parley.core.auth.JoinRule;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;
import dev.parley.store.PublishedRoom;
import dev.parley.store.RoomMemberStore;
import dev.parley.store.RoomRow;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /rooms/{roomId}/hierarchy} (Client-Server API, "Spaces", {@code space_hierarchy.yaml})
 * for rooms this server holds: a depth-first walk of the {@code m.space.child} events of space
 * rooms, listing each room the requester may see, a room reached twice (the space graph may have
 * loops) only once. Rooms held elsewhere are left out until federation comes.
 *
 * <p>Tokens are stateless: {@code h<rooms already returned>_<suggested_only>_<max_depth>}. The
 * next page walks the tree again and skips the rooms already returned; the walk is the same
 * unless the spaces changed in between. A token carries the parameters of the first request,
 * which the spec forbids changing while paginating.
 */
public final class SpaceHierarchy {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int MAX_DEPTH = 50;
    /** Rooms visited at most in one walk, so a huge (or hostile) space graph costs bounded work. */
    static final int MAX_ROOMS = 1_000;
    private static final String SPACE_CHILD = "m.space.child";
    private static final Pattern TOKEN = Pattern.compile("h(\\d{1,9})_([01])_(\\d{1,9})");
    /** "Ordering of children within a space": a valid {@code order} is at most 50 printable ASCII characters. */
    private static final Pattern VALID_ORDER = Pattern.compile("[\\x20-\\x7E]{0,50}");

    private final RoomStore store;
    private final RoomMemberStore members;
    private final RoomPower power;

    public SpaceHierarchy(RoomStore store, RoomMemberStore members) {
        this.store = store;
        this.members = members;
        this.power = new RoomPower(store);
    }

    public record Query(boolean suggestedOnly, OptionalInt limit, OptionalInt maxDepth, Optional<String> from) {
    }

    /**
     * One room of the hierarchy: its summary, the stripped {@code m.space.child} events (with
     * {@code origin_server_ts}) of a space, and the summary fields v1.15 added; absent ones null.
     */
    public record Room(Chunk summary, List<ObjectNode> childrenState, List<String> allowedRoomIds, String encryption,
                       String roomVersion) {
    }

    public record Page(List<Room> rooms, Optional<String> nextBatch) {
    }

    private record Pending(RoomId roomId, int depth) {
    }

    /**
     * @throws MatrixException {@code M_FORBIDDEN} when the requester may not see the root (or it is
     *     unknown here); {@code M_INVALID_PARAM} for a bad limit, depth or token
     */
    public Page hierarchy(RoomId root, UserId user, Query query) {
        int limit = query.limit().orElse(DEFAULT_LIMIT);
        if (limit < 1) {
            throw MatrixException.invalidParam("limit must be greater than zero");
        }
        limit = Math.min(limit, MAX_LIMIT);
        int maxDepth = query.maxDepth().orElse(MAX_DEPTH);
        if (maxDepth < 0) {
            throw MatrixException.invalidParam("max_depth must not be negative");
        }
        maxDepth = Math.min(maxDepth, MAX_DEPTH);
        int skip = query.from().map(token -> skipped(token, query.suggestedOnly(), query.maxDepth())).orElse(0);
        if (!visible(root, user)) {
            throw MatrixException.forbidden("You are not allowed to view this room");
        }
        List<Room> page = new ArrayList<>();
        Deque<Pending> stack = new ArrayDeque<>(List.of(new Pending(root, 0)));
        Set<RoomId> seen = new HashSet<>();
        int listed = 0;
        while (!stack.isEmpty() && page.size() <= limit && seen.size() < MAX_ROOMS) {
            Pending next = stack.pop();
            if (!seen.add(next.roomId()) || !visible(next.roomId(), user)) {
                continue;
            }
            Room room = room(next.roomId(), query.suggestedOnly());
            if (listed++ >= skip) {
                page.add(room);
            }
            if (next.depth() < maxDepth) {
                // Pushed last child first, so children are listed in the spec's order.
                for (ObjectNode child : room.childrenState().reversed()) {
                    String stateKey = child.path("state_key").asText();
                    if (RoomId.isValid(stateKey)) {
                        stack.push(new Pending(RoomId.parse(stateKey), next.depth() + 1));
                    }
                }
            }
        }
        // One room beyond the page was read, if there is one: it tells that a next page exists.
        boolean more = page.size() > limit;
        Optional<String> nextBatch = more
                ? Optional.of("h" + (skip + limit) + "_" + (query.suggestedOnly() ? 1 : 0) + "_" + maxDepth)
                : Optional.empty();
        return new Page(more ? page.subList(0, limit) : page, nextBatch);
    }

    private static int skipped(String token, boolean suggestedOnly, OptionalInt maxDepth) {
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw MatrixException.invalidParam("Unknown pagination token");
        }
        boolean tokenSuggested = m.group(2).equals("1");
        int tokenDepth = Integer.parseInt(m.group(3));
        if (tokenSuggested != suggestedOnly || Math.min(maxDepth.orElse(MAX_DEPTH), MAX_DEPTH) != tokenDepth) {
            throw MatrixException.invalidParam("suggested_only and max_depth cannot change on paginated requests");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The summary of one room (Client-Server API, "Room Summaries", getRoomSummary) if the
     * requester may see it by the rules of {@link #visible}; without an account, only rooms
     * anyone may join or knock on, or that are world-readable ("Servers MAY allow unauthenticated
     * access ... if at least one of the following conditions holds true").
     */
    public Optional<Room> summary(RoomId roomId, Optional<UserId> user) {
        boolean visible = user.isPresent() ? visible(roomId, user.get()) : visibleToAnyone(roomId);
        return visible ? Optional.of(room(roomId, false)) : Optional.empty();
    }

    /**
     * The rooms the spec says to list: the requester is joined or invited, may join (public, or
     * restricted and they are in an allowed room), may knock, or the room is world-readable. A
     * banned requester sees nothing of the room.
     */
    private boolean visible(RoomId roomId, UserId user) {
        Optional<RoomRow> row = store.room(roomId);
        if (row.isEmpty()) {
            return false;
        }
        String membership = power.membership(roomId, user).orElse("leave");
        if (membership.equals("ban")) {
            return false;
        }
        if (membership.equals("join") || membership.equals("invite") || power.isWorldReadable(roomId)) {
            return true;
        }
        Optional<StoredEvent> joinRules = power.stateEvent(roomId, StateKey.JOIN_RULES_KEY);
        if (JoinRule.of(joinRules.map(StoredEvent::pdu).orElse(null)) == JoinRule.RESTRICTED) {
            return row.get().version().restrictedJoinsAllowed() && RestrictedJoins.allowedRooms(
                    joinRules.get().pdu().content().path("allow")).stream().anyMatch(r -> power.isJoined(r, user));
        }
        return openToAll(row.get(), joinRules);
    }

    private boolean visibleToAnyone(RoomId roomId) {
        Optional<RoomRow> row = store.room(roomId);
        return row.isPresent() && (power.isWorldReadable(roomId)
                || openToAll(row.get(), power.stateEvent(roomId, StateKey.JOIN_RULES_KEY)));
    }

    /** Whether anyone may join or knock, by the join rule and what the room version allows. */
    private static boolean openToAll(RoomRow row, Optional<StoredEvent> joinRules) {
        RoomVersion version = row.version();
        return switch (JoinRule.of(joinRules.map(StoredEvent::pdu).orElse(null))) {
            case PUBLIC -> true;
            case KNOCK -> version.knockAllowed();
            case KNOCK_RESTRICTED -> version.knockRestrictedAllowed();
            default -> false;
        };
    }

    private Room room(RoomId roomId, boolean suggestedOnly) {
        Map<StateKey, EventId> state = store.currentState(roomId);
        List<EventId> wanted = new ArrayList<>();
        state.forEach((key, id) -> {
            boolean summaryField = key.stateKey().isEmpty()
                    && (PublishedRoom.STATE_TYPES.contains(key.type()) || key.type().equals("m.room.encryption"));
            if (summaryField || key.type().equals(SPACE_CHILD)) {
                wanted.add(id);
            }
        });
        Map<String, ObjectNode> contents = new HashMap<>();
        List<StoredEvent> children = new ArrayList<>();
        for (StoredEvent event : store.events(wanted)) {
            if (event.pdu().type().equals(SPACE_CHILD)) {
                if (isValidChild(event.pdu().content(), suggestedOnly)) {
                    children.add(event);
                }
            } else {
                contents.put(event.pdu().type(), event.pdu().content());
            }
        }
        Chunk summary = PublicRooms.chunk(new PublishedRoom(roomId, members.joinedMembers(roomId).size(), contents));
        List<ObjectNode> childrenState = "m.space".equals(summary.roomType())
                ? children.stream().sorted(CHILD_ORDER).map(SpaceHierarchy::stripped).toList()
                : List.of();
        JoinRule joinRule = JoinRule.of(power.stateEvent(roomId, StateKey.JOIN_RULES_KEY).map(StoredEvent::pdu).orElse(null));
        List<String> allowed = joinRule == JoinRule.RESTRICTED || joinRule == JoinRule.KNOCK_RESTRICTED
                ? RestrictedJoins.allowedRooms(contents.get("m.room.join_rules").path("allow")).stream().map(RoomId::value).toList()
                : null;
        JsonNode algorithm = Optional.ofNullable(contents.get("m.room.encryption")).map(c -> c.get("algorithm")).orElse(null);
        return new Room(summary, childrenState, allowed, algorithm != null && algorithm.isTextual() ? algorithm.textValue() : null,
                power.room(roomId).version().id());
    }

    /** "m.space.child": a child needs a non-empty {@code via}; {@code suggested_only} keeps suggested children only. */
    private static boolean isValidChild(ObjectNode content, boolean suggestedOnly) {
        JsonNode via = content.get("via");
        if (via == null || !via.isArray() || via.isEmpty()) {
            return false;
        }
        return !suggestedOnly || content.path("suggested").asBoolean(false) && content.get("suggested").isBoolean();
    }

    /**
     * "Ordering of children within a space": children with a valid {@code order} first, by it;
     * then by the child event's {@code origin_server_ts}; then by room ID.
     */
    private static final Comparator<StoredEvent> CHILD_ORDER = Comparator
            .comparing((StoredEvent e) -> validOrder(e.pdu().content()).isEmpty())
            .thenComparing(e -> validOrder(e.pdu().content()).orElse(""))
            .thenComparingLong(e -> e.pdu().originServerTs())
            .thenComparing(e -> e.pdu().stateKey());

    private static Optional<String> validOrder(ObjectNode content) {
        JsonNode order = content.get("order");
        return order != null && order.isTextual() && VALID_ORDER.matcher(order.textValue()).matches()
                ? Optional.of(order.textValue()) : Optional.empty();
    }

    /** A stripped state event with the {@code origin_server_ts} the hierarchy adds. */
    private static ObjectNode stripped(StoredEvent event) {
        return ClientEvents.stripped(event.pdu()).put("origin_server_ts", event.pdu().originServerTs());
    }
}
