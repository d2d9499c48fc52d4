package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/media/v3/thumbnail/{serverName}/{mediaId}} — Client-Server API, "Content repository" ({@code getContentThumbnail}
 * in {@code data/api/client-server/content-repo.yaml}): Download a thumbnail of content from the content repository (deprecated, unauthenticated: subject to the freeze).
 */
public final class GetContentThumbnail {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/media/v3/thumbnail/{serverName}/{mediaId}", Auth.NONE);

    private GetContentThumbnail() {
    }
}
