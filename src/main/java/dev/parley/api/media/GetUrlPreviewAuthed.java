package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v1/media/preview_url} — Client-Server API, "Content repository" ({@code getUrlPreviewAuthed}
 * in {@code data/api/client-server/authenticated-content-repo.yaml}): Get information about a URL for a client.
 */
public final class GetUrlPreviewAuthed {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/client/v1/media/preview_url", Auth.REQUIRED);

    private GetUrlPreviewAuthed() {
    }
}
