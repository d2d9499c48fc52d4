package dev.parley.api.media;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/media/v1/create} — Client-Server API, "Content repository" ({@code createContent}
 * in {@code data/api/client-server/content-repo.yaml}): Create a new {@code mxc://} URI without uploading the content.
 */
public final class CreateContent {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.POST, "/media/v1/create", Auth.REQUIRED);

    /**
     * @param contentUri where the content will be, once uploaded
     * @param unusedExpiresAt when the URI expires if nothing is uploaded to it (ms since the epoch)
     */
    public record Response(String contentUri, long unusedExpiresAt) {
    }

    private CreateContent() {
    }
}
