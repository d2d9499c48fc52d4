package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/media/v3/upload/{serverName}/{mediaId}} — Client-Server API, "Content repository" ({@code uploadContentToMXC}
 * in {@code data/api/client-server/content-repo.yaml}): Upload content to an {@code mxc://} URI that was created earlier.
 */
public final class UploadContentToMxc {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.PUT, "/media/v3/upload/{serverName}/{mediaId}", Auth.REQUIRED).withStreamedBody();

    /** An empty object. */
    public record Response() {
    }

    private UploadContentToMxc() {
    }
}
