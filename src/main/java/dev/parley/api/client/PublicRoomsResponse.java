package dev.parley.api.client;

import java.util.List;

/**
 * The answer of {@code GET} and {@code POST /publicRooms} ({@code definitions/public_rooms_response.yaml}):
 * a page of published rooms; absent tokens mean there is nothing further that way.
 */
public record PublicRoomsResponse(List<Chunk> chunk, String nextBatch, String prevBatch, Long totalRoomCountEstimate) {

    /** One published room ({@code definitions/public_rooms_chunk.yaml}); absent fields are null. */
    public record Chunk(String roomId, String name, String topic, String canonicalAlias, long numJoinedMembers,
                        boolean worldReadable, boolean guestCanJoin, String joinRule, String roomType,
                        String avatarUrl) {
    }
}
