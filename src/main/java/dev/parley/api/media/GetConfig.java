package dev.parley.api.media;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/media/v3/config} — Client-Server API, "Content repository" ({@code getConfig}
 * in {@code data/api/client-server/content-repo.yaml}): Get the configuration for the content repository (deprecated).
 */
public final class GetConfig {
    public static final Endpoint ENDPOINT = Endpoint.media(Method.GET, "/media/v3/config", Auth.REQUIRED);

    /** @param uploadSize the largest upload accepted, in bytes */
    public record Response(@JsonProperty("m.upload.size") long uploadSize) {
    }

    private GetConfig() {
    }
}
