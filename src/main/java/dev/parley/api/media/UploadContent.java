package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/media/v3/upload} — Client-Server API, "Content repository" ({@code uploadContent}
 * in {@code data/api/client-server/content-repo.yaml}): Upload some content to the content repository.
 */
public final class UploadContent {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.POST, "/media/v3/upload", Auth.REQUIRED).withStreamedBody();

    /** @param contentUri the {@code mxc://} URI of the uploaded content */
    public record Response(String contentUri) {
    }

    private UploadContent() {
    }
}
