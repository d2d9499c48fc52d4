package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v1/media/download/{serverName}/{mediaId}/{fileName}} — Client-Server API, "Content repository" ({@code getContentOverrideNameAuthed}
 * in {@code data/api/client-server/authenticated-content-repo.yaml}): Download content from the content repository overriding the file name.
 */
public final class GetContentOverrideNameAuthed {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/client/v1/media/download/{serverName}/{mediaId}/{fileName}", Auth.REQUIRED).allowingGuests();

    private GetContentOverrideNameAuthed() {
    }
}
