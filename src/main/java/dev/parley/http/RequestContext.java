package dev.parley.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.json.Json;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a handler may know about its request: parameters, the parsed body, and who sent it.
 * Body parsing is where malformed input becomes {@code M_NOT_JSON} (not JSON at all) or
 * {@code M_BAD_JSON} (JSON of the wrong shape).
 */
public final class RequestContext {
    private final String requestId;
    private final Endpoint endpoint;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final Optional<Requester> requester;
    private final String clientIp;
    private final Function<String, String> headers;
    private final Optional<String> accessToken;
    private final Optional<StreamedBody> streamedBody;
    private boolean streamTaken;

    /** The unread body of an endpoint declared with {@link Endpoint.Body#STREAMED}. */
    record StreamedBody(long declaredLength, java.util.function.Supplier<InputStream> open) {
    }

    RequestContext(String requestId, Endpoint endpoint, Map<String, String> pathParams,
                   Map<String, List<String>> query, byte[] body, Optional<Requester> requester,
                   String clientIp, Function<String, String> headers, Optional<String> accessToken) {
        this(requestId, endpoint, pathParams, query, body, requester, clientIp, headers, accessToken, Optional.empty());
    }

    RequestContext(String requestId, Endpoint endpoint, Map<String, String> pathParams,
                   Map<String, List<String>> query, byte[] body, Optional<Requester> requester,
                   String clientIp, Function<String, String> headers, Optional<String> accessToken,
                   Optional<StreamedBody> streamedBody) {
        this.streamedBody = streamedBody;
        this.requestId = requestId;
        this.endpoint = endpoint;
        this.pathParams = pathParams;
        this.query = query;
        this.body = body;
        this.requester = requester;
        this.clientIp = clientIp;
        this.headers = headers;
        this.accessToken = accessToken;
    }

    public String requestId() {
        return requestId;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** A path parameter named in the endpoint's template, percent-decoded. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException(endpoint + " has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }

    public String clientIp() {
        return clientIp;
    }

    /** The authenticated requester; {@code M_MISSING_TOKEN} when the request carried no token. */
    public Requester requester() {
        return requester.orElseThrow(() -> new MatrixException(ErrCode.MISSING_TOKEN, "Missing access token"));
    }

    public Optional<Requester> optionalRequester() {
        return requester;
    }

    /** The access token the request was authenticated with (logout revokes exactly this one). */
    public Optional<String> accessToken() {
        return accessToken;
    }

    /**
     * The body of a streamed-body endpoint, read as it arrives; reading more than {@code maxBytes}
     * (or a declared {@code Content-Length} above it) is {@code 413 M_TOO_LARGE}. Once only.
     */
    public InputStream bodyStream(long maxBytes) {
        StreamedBody body = streamedBody.orElseThrow(() ->
                new IllegalStateException(endpoint + " does not declare a streamed body"));
        if (streamTaken) {
            throw new IllegalStateException("the body of " + endpoint + " was already read");
        }
        streamTaken = true;
        if (body.declaredLength() > maxBytes) {
            throw LimitedBody.tooLarge(maxBytes);
        }
        return new LimitedBody(body.open().get(), maxBytes);
    }

    public byte[] rawBody() {
        return body;
    }

    /** The body as a JSON object; an empty body reads as {@code {}}. */
    public ObjectNode jsonBody() {
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (StreamReadException e) {
            throw new MatrixException(ErrCode.NOT_JSON, "Content not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MatrixException(ErrCode.NOT_JSON, "Content not JSON");
        }
        if (tree == null || tree.isMissingNode()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new MatrixException(ErrCode.BAD_JSON, "The request body must be a JSON object");
        }
        return object;
    }

    /** The body bound to a wire record; fields of the wrong type are {@code M_BAD_JSON}. */
    public <T> T body(Class<T> type) {
        ObjectNode tree = jsonBody();
        try {
            return Json.MAPPER.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : " at '" + fieldPath(e) + "'";
            throw new MatrixException(ErrCode.BAD_JSON, "Invalid JSON" + field + ": " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new MatrixException(ErrCode.BAD_JSON, "Invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
