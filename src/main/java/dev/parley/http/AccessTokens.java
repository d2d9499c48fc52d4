package dev.parley.http;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Where a client puts its access token: the {@code Authorization: Bearer} header, or the
 * deprecated {@code access_token} query parameter that older clients still send
 * (Client-Server API, "Using access tokens").
 */
final class AccessTokens {
    private AccessTokens() {
    }

    static Optional<String> fromRequest(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        String query = request.getHttpURI().getQuery();
        if (query != null && query.contains("access_token=")) {
            var values = QueryStrings.parse(query).get("access_token");
            if (values != null && !values.getFirst().isEmpty()) {
                return Optional.of(values.getFirst());
            }
        }
        return Optional.empty();
    }
}
