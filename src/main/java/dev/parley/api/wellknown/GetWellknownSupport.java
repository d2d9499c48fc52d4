package dev.parley.api.wellknown;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;
import java.util.List;

/**
 * {@code GET /.well-known/matrix/support} — Client-Server API, "Getting the support information"
 * (operation {@code getWellknownSupport}): who runs the server and where users get help.
 */
public final class GetWellknownSupport {
    public static final Endpoint ENDPOINT =
            new Endpoint(Method.GET, "/.well-known/matrix/support", Api.WELL_KNOWN, Auth.NONE, RateLimit.NONE);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(List<Contact> contacts, @JsonProperty("support_page") String supportPage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(@JsonProperty("matrix_id") String matrixId,
                          @JsonProperty("email_address") String emailAddress, String role) {
    }

    private GetWellknownSupport() {
    }
}
