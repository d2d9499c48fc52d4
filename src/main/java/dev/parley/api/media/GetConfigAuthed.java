package dev.parley.api.media;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v1/media/config} — Client-Server API, "Content repository" ({@code getConfigAuthed}
 * in {@code data/api/client-server/authenticated-content-repo.yaml}): Get the configuration for the content repository.
 */
public final class GetConfigAuthed {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/client/v1/media/config", Auth.REQUIRED);

    /** @param uploadSize the largest upload accepted, in bytes */
    public record Response(@JsonProperty("m.upload.size") long uploadSize) {
    }

    private GetConfigAuthed() {
    }
}
