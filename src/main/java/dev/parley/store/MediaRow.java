package dev.parley.store;

import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import java.util.Optional;

/**
 * One {@code mxc://origin/mediaId}. A URI reserved with {@code POST /create} has no content yet
 * ({@code sha256} empty) until its upload completes.
 *
 * @param userId the uploader (empty for media cached from another server)
 * @param sha256 lower-case hex SHA-256 of the content, which names its file
 * @param unusedExpiresTs when a reserved URI expires if nothing is uploaded to it
 * @param unauthenticatedAccess whether the deprecated unauthenticated endpoints may serve it
 *     (false for media stored while those endpoints were frozen)
 */
public record MediaRow(ServerName origin, String mediaId, Optional<UserId> userId, Optional<String> contentType,
                       Optional<String> uploadName, Optional<String> sha256, Optional<Long> sizeBytes,
                       long createdTs, Optional<Long> uploadedTs, Optional<Long> unusedExpiresTs,
                       boolean quarantined, boolean unauthenticatedAccess) {

    public boolean uploaded() {
        return sha256.isPresent();
    }
}
