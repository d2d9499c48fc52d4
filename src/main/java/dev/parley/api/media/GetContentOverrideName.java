package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/media/v3/download/{serverName}/{mediaId}/{fileName}} — Client-Server API, "Content repository" ({@code getContentOverrideName}
 * in {@code data/api/client-server/content-repo.yaml}): Download content from the content repository overriding the file name (deprecated, unauthenticated: subject to the freeze).
 */
public final class GetContentOverrideName {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/media/v3/download/{serverName}/{mediaId}/{fileName}", Auth.NONE);

    private GetContentOverrideName() {
    }
}
