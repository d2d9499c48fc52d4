package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v1/media/download/{serverName}/{mediaId}} — Client-Server API, "Content repository" ({@code getContentAuthed}
 * in {@code data/api/client-server/authenticated-content-repo.yaml}): Download content from the content repository.
 */
public final class GetContentAuthed {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/client/v1/media/download/{serverName}/{mediaId}", Auth.REQUIRED).allowingGuests();

    private GetContentAuthed() {
    }
}
