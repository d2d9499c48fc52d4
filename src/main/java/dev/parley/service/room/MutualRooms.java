package dev.parley.service.room;

import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomStore;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rooms two users are both joined to (Client-Server API, "Mutual Rooms"). Batches are in
 * room ID order, and a batch's token is the last room ID it held, so a room joined or left
 * between batches neither shifts nor repeats the others.
 */
public final class MutualRooms {
    static final int BATCH_SIZE = 100;
    private static final String TOKEN_PREFIX = "m";

    /** @param nextBatch present when more rooms follow */
    public record Batch(List<RoomId> joined, int count, Optional<String> nextBatch) {
    }

    private final RoomStore store;

    public MutualRooms(RoomStore store) {
        this.store = store;
    }

    /**
     * @throws MatrixException {@code M_INVALID_PARAM} for the requester's own ID, a non-compliant
     *     one, or a token this endpoint did not give
     */
    public Batch between(UserId requester, UserId other, Optional<String> from) {
        if (other.equals(requester)) {
            throw MatrixException.invalidParam("user_id must be another user's ID");
        }
        if (!other.isCompliant()) {
            throw MatrixException.invalidParam("user_id is not a compliant user ID");
        }
        Optional<String> after = from.map(MutualRooms::lastRoomOf);
        Set<RoomId> theirs = new HashSet<>(store.roomsWithMembership(other, "join"));
        List<RoomId> mutual = store.roomsWithMembership(requester, "join").stream().filter(theirs::contains)
                .sorted(Comparator.comparing(RoomId::value)).toList();
        List<RoomId> rest = mutual.stream().filter(r -> after.map(a -> r.value().compareTo(a) > 0).orElse(true)).toList();
        List<RoomId> batch = rest.subList(0, Math.min(BATCH_SIZE, rest.size()));
        Optional<String> next = rest.size() > batch.size()
                ? Optional.of(TOKEN_PREFIX + batch.getLast().value()) : Optional.empty();
        return new Batch(batch, mutual.size(), next);
    }

    private static String lastRoomOf(String token) {
        String roomId = token.startsWith(TOKEN_PREFIX) ? token.substring(TOKEN_PREFIX.length()) : "";
        if (!RoomId.isValid(roomId)) {
            throw MatrixException.invalidParam("Unknown pagination token");
        }
        return roomId;
    }
}
