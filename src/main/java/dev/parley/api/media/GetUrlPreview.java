package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/media/v3/preview_url} — Client-Server API, "Content repository" ({@code getUrlPreview}
 * in {@code data/api/client-server/content-repo.yaml}): Get information about a URL for a client (deprecated).
 */
public final class GetUrlPreview {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/media/v3/preview_url", Auth.REQUIRED);

    private GetUrlPreview() {
    }
}
