package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v1/media/thumbnail/{serverName}/{mediaId}} — Client-Server API, "Content repository" ({@code getContentThumbnailAuthed}
 * in {@code data/api/client-server/authenticated-content-repo.yaml}): Download a thumbnail of content from the content repository.
 */
public final class GetContentThumbnailAuthed {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/client/v1/media/thumbnail/{serverName}/{mediaId}", Auth.REQUIRED).allowingGuests();

    private GetContentThumbnailAuthed() {
    }
}
