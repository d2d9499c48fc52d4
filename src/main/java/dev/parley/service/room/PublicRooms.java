package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.PublicRoomsResponse;
import dev.parley.api.client.PublicRoomsResponse.Chunk;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.ServerName;
import dev.parley.store.PublishedRoom;
import dev.parley.store.RoomDirectoryStore;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET}/{@code POST /publicRooms} (Client-Server API, "Published room directory"): the
 * published rooms, largest first (the order the spec still recommends), then by room ID, so the
 * order is stable. Tokens are positions in that order ({@code o20}); either token continues in
 * its own direction, as the spec asks.
 */
public final class PublicRooms {
    private static final Pattern TOKEN = Pattern.compile("o(\\d{1,9})");

    private final RoomDirectoryStore store;
    private final ServerName serverName;

    public PublicRooms(RoomDirectoryStore store, ServerName serverName) {
        this.store = store;
        this.serverName = serverName;
    }

    /**
     * What to list.
     *
     * @param roomTypes room types to keep; an empty entry stands for rooms without a type; an
     *     empty list keeps every room
     * @param thirdPartyInstanceId an application service network; this server has none yet
     */
    public record Query(Optional<Integer> limit, Optional<String> since, Optional<String> server,
                        Optional<String> searchTerm, List<Optional<String>> roomTypes,
                        Optional<String> thirdPartyInstanceId) {
    }

    public PublicRoomsResponse list(Query query) {
        query.server().ifPresent(this::requireThisServer);
        int limit = query.limit().orElse(Integer.MAX_VALUE);
        if (limit < 1) {
            throw MatrixException.invalidParam("limit must be a positive integer");
        }
        int offset = query.since().map(PublicRooms::offset).orElse(0);
        // No application service networks exist, so asking for one lists no rooms.
        List<Chunk> matching = query.thirdPartyInstanceId().isPresent() ? List.of() : store.publishedRooms().stream()
                .map(PublicRooms::chunk)
                .filter(chunk -> matchesTypes(chunk, query.roomTypes()))
                .filter(chunk -> query.searchTerm().map(term -> matchesTerm(chunk, term)).orElse(true))
                .sorted(Comparator.comparingLong(Chunk::numJoinedMembers).reversed().thenComparing(Chunk::roomId))
                .toList();
        int from = Math.min(offset, matching.size());
        int to = (int) Math.min((long) from + limit, matching.size());
        String next = to < matching.size() ? "o" + to : null;
        String prev = from > 0 ? "o" + Math.max(0, from - limit) : null;
        return new PublicRoomsResponse(matching.subList(from, to), next, prev, (long) matching.size());
    }

    private void requireThisServer(String server) {
        if (!ServerName.isValid(server)) {
            throw MatrixException.invalidParam("Invalid server name: " + server);
        }
        if (!ServerName.parse(server).equals(serverName)) {
            throw new MatrixException(ErrCode.UNAVAILABLE,
                    "Published room directories of other servers need federation, which is not available yet");
        }
    }

    private static int offset(String token) {
        var match = TOKEN.matcher(token);
        if (!match.matches()) {
            throw MatrixException.invalidParam("Unknown pagination token: " + token);
        }
        return Integer.parseInt(match.group(1));
    }

    static Chunk chunk(PublishedRoom room) {
        return new Chunk(room.roomId().value(), text(room, "m.room.name", "name"), topic(room),
                text(room, "m.room.canonical_alias", "alias"), room.joinedMembers(),
                "world_readable".equals(text(room, "m.room.history_visibility", "history_visibility")),
                "can_join".equals(text(room, "m.room.guest_access", "guest_access")),
                text(room, "m.room.join_rules", "join_rule"), text(room, "m.room.create", "type"),
                text(room, "m.room.avatar", "url"));
    }

    /** The plain-text topic: the {@code text/plain} representation in {@code m.topic}, else {@code topic}. */
    private static String topic(PublishedRoom room) {
        ObjectNode content = room.state().get("m.room.topic");
        if (content == null) {
            return null;
        }
        JsonNode representations = content.path("m.topic").path("m.text");
        if (representations.isArray()) {
            for (JsonNode representation : representations) {
                String mimetype = representation.path("mimetype").asText("text/plain");
                if ("text/plain".equals(mimetype) && representation.path("body").isTextual()
                        && !representation.get("body").textValue().isEmpty()) {
                    return representation.get("body").textValue();
                }
            }
        }
        return text(room, "m.room.topic", "topic");
    }

    private static String text(PublishedRoom room, String type, String field) {
        ObjectNode content = room.state().get(type);
        JsonNode value = content == null ? null : content.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    private static boolean matchesTypes(Chunk chunk, List<Optional<String>> roomTypes) {
        return roomTypes.isEmpty() || roomTypes.contains(Optional.ofNullable(chunk.roomType()));
    }

    private static boolean matchesTerm(Chunk chunk, String term) {
        String needle = term.toLowerCase(Locale.ROOT);
        return contains(chunk.name(), needle) || contains(chunk.topic(), needle) || contains(chunk.canonicalAlias(), needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }
}
