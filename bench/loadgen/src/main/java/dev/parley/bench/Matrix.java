package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few Client-Server API calls the workloads make, over the JDK's HTTP/1.1 client on loopback.
 * Every call is blocking (callers are virtual threads) and bounded by a request time-out; a
 * non-2xx answer throws {@link MatrixError} with the status and body.
 */
final class Matrix implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** A registered, logged-in account. */
    record User(String userId, String token, String deviceId) {
    }

    /** A non-2xx answer. */
    static final class MatrixError extends IOException {
        final int status;

        MatrixError(String what, int status, String body) {
            super(what + " -> " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
            this.status = status;
        }
    }

    private final String base;
    private final HttpClient http;
    /** Null, or keep-alive connections for {@code PUT}s, taken one per request (see {@link #withRawPuts}). */
    private final Queue<RawHttpConnection> putConnections;

    Matrix(String base) {
        this(base, false);
    }

    private Matrix(String base, boolean rawPuts) {
        URI uri = URI.create(base);
        if (!isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("the load generator only targets loopback, not " + uri.getHost());
        }
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.putConnections = rawPuts ? new ConcurrentLinkedQueue<>() : null;
    }

    /**
     * A client that sends its {@code PUT}s over hand-written keep-alive connections
     * ({@link RawHttpConnection}), for workloads whose latency starts at the send: the fan-out
     * stamps a message before sending it, and the JDK client's hand-offs would count in it.
     */
    static Matrix withRawPuts(String base) {
        return new Matrix(base, true);
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    /** Synapse's shared-secret registration: a nonce, then HMAC-SHA1 over nonce, user, password, admin flag. */
    User register(String sharedSecret, String localpart, String password) throws IOException, InterruptedException {
        String nonce = call("GET", "/_synapse/admin/v1/register", null, null, REQUEST_TIMEOUT).path("nonce").asText();
        String mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            mac = HexFormat.of().formatHex(hmac.doFinal(
                    (nonce + "\0" + localpart + "\0" + password + "\0notadmin").getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
        ObjectNode body = JSON.createObjectNode().put("nonce", nonce).put("username", localpart)
                .put("password", password).put("admin", false).put("mac", mac);
        JsonNode answer = call("POST", "/_synapse/admin/v1/register", null, body, REQUEST_TIMEOUT);
        return new User(answer.path("user_id").asText(), answer.path("access_token").asText(),
                answer.path("device_id").asText());
    }

    /** A public room (anyone may join), returning its ID. */
    String createPublicRoom(User creator, String name) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("preset", "public_chat").put("name", name);
        return call("POST", "/_matrix/client/v3/createRoom", creator, body, REQUEST_TIMEOUT).path("room_id").asText();
    }

    void join(User user, String roomId) throws IOException, InterruptedException {
        call("POST", "/_matrix/client/v3/rooms/" + enc(roomId) + "/join", user, JSON.createObjectNode(), REQUEST_TIMEOUT);
    }

    /** {@code PUT /rooms/{roomId}/send/{eventType}/{txnId}}, returning the event ID. */
    String send(User user, String roomId, String eventType, String txnId, ObjectNode content)
            throws IOException, InterruptedException {
        return call("PUT", "/_matrix/client/v3/rooms/" + enc(roomId) + "/send/" + enc(eventType) + "/" + enc(txnId),
                user, content, REQUEST_TIMEOUT).path("event_id").asText();
    }

    /** {@code PUT /sendToDevice/{eventType}/{txnId}} with {@code messages}: user ID → device ID → content. */
    void sendToDevice(User sender, String eventType, String txnId, ObjectNode messages)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.set("messages", messages);
        call("PUT", "/_matrix/client/v3/sendToDevice/" + enc(eventType) + "/" + enc(txnId), sender, body, REQUEST_TIMEOUT);
    }

    /** {@code PUT /rooms/{roomId}/typing/{userId}}. */
    void typing(User user, String roomId, boolean typing, int timeoutMs) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("typing", typing);
        if (typing) {
            body.put("timeout", timeoutMs);
        }
        call("PUT", "/_matrix/client/v3/rooms/" + enc(roomId) + "/typing/" + enc(user.userId()), user, body,
                REQUEST_TIMEOUT);
    }

    void leave(User user, String roomId) throws IOException, InterruptedException {
        call("POST", "/_matrix/client/v3/rooms/" + enc(roomId) + "/leave", user, JSON.createObjectNode(), REQUEST_TIMEOUT);
    }

    /** {@code GET /sync}; {@code since} may be null, {@code filter} is inline JSON or null. */
    JsonNode sync(User user, String since, String filter, long timeoutMs) throws IOException, InterruptedException {
        return call("GET", syncPath(since, filter, timeoutMs), user, null, Duration.ofMillis(timeoutMs).plus(REQUEST_TIMEOUT));
    }

    /** {@code GET /sync}'s path and query; {@code since} and {@code filter} may be null. */
    static String syncPath(String since, String filter, long timeoutMs) {
        StringBuilder path = new StringBuilder("/_matrix/client/v3/sync?timeout=").append(timeoutMs);
        if (since != null) {
            path.append("&since=").append(enc(since));
        }
        if (filter != null) {
            path.append("&filter=").append(enc(filter));
        }
        return path.toString();
    }

    /** {@code POST} of Simplified Sliding Sync (MSC4186) without {@code pos}: a new connection's first response. */
    JsonNode slidingSync(User user, JsonNode body) throws IOException, InterruptedException {
        return call("POST", "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync", user, body, REQUEST_TIMEOUT);
    }

    JsonNode call(String method, String path, User user, JsonNode body, Duration timeout)
            throws IOException, InterruptedException {
        if (putConnections != null && method.equals("PUT") && user != null && body != null) {
            return JSON.readTree(rawPut(path, user, JSON.writeValueAsBytes(body)));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (user != null) {
            request.header("Authorization", "Bearer " + user.token());
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new MatrixError(method + " " + path.replaceAll("\\?.*", ""), response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    private byte[] rawPut(String path, User user, byte[] body) throws IOException {
        RawHttpConnection connection = putConnections.poll();
        if (connection == null) {
            connection = new RawHttpConnection(base);
        }
        try {
            byte[] response = connection.put(path, user.token(), body);
            putConnections.add(connection);
            return response;
        } catch (MatrixError e) {
            putConnections.add(connection); // a complete answer: the connection is still good
            throw e;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Aborts whatever is still in flight (parked long-polls included). */
    @Override
    public void close() {
        http.shutdownNow();
        if (putConnections != null) {
            for (RawHttpConnection connection; (connection = putConnections.poll()) != null; ) {
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // closing at the end of a workload
                }
            }
        }
    }
}
