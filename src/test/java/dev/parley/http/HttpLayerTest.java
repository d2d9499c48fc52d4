package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;
import dev.parley.config.ParleyConfig;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestConfigs;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer on a real Jetty server with test endpoints: routing, the error vocabulary,
 * CORS, authentication, rate limits, body limits, listener resources and graceful stop.
 */
class HttpLayerTest {
    record Echo(String name, int count) {
    }

    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private HttpServer server;
    private String client;
    private String federation;

    private static Endpoint clientEndpoint(Method method, String path, Auth auth, RateLimit limit) {
        return new Endpoint(method, "/_matrix/client/v3/test" + path, Api.CLIENT, auth, limit);
    }

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createTempDirectory("parley-http");
        ParleyConfig config = TestConfigs.generated(dir, "jdbc:sqlite:" + dir.resolve("unused.db"), yaml -> {
            yaml.withObject("http").put("max_request_body_bytes", 2048);
            ObjectNode limits = yaml.withObject("rate_limits").put("enabled", true);
            limits.withObject("client").put("per_second", 0.001).put("burst", 3);
            var listeners = yaml.putArray("listeners");
            listeners.addObject().put("bind", "127.0.0.1").put("port", 0).putArray("resources").add("client");
            listeners.addObject().put("bind", "127.0.0.1").put("port", 0).putArray("resources").add("federation");
            var proxied = listeners.addObject().put("bind", "127.0.0.1").put("port", 0).put("x_forwarded", true);
            proxied.putArray("resources").add("client");
        });
        List<Route> routes = List.of(
                new Route(clientEndpoint(Method.POST, "/echo", Auth.NONE, RateLimit.NONE), r -> r.body(Echo.class)),
                new Route(clientEndpoint(Method.GET, "/boom", Auth.NONE, RateLimit.NONE), r -> {
                    throw new IllegalStateException("secret internal detail");
                }),
                new Route(clientEndpoint(Method.GET, "/params/{a}/end", Auth.NONE, RateLimit.NONE),
                        r -> Map.of("a", r.pathParam("a"), "q", r.query("q").orElse(""))),
                new Route(clientEndpoint(Method.GET, "/me", Auth.REQUIRED, RateLimit.NONE),
                        r -> Map.of("user_id", r.requester().userId())),
                new Route(clientEndpoint(Method.GET, "/limited", Auth.OPTIONAL, RateLimit.CLIENT), r -> Map.of()),
                new Route(clientEndpoint(Method.GET, "/ip", Auth.NONE, RateLimit.NONE), r -> Map.of("ip", r.clientIp())),
                new Route(clientEndpoint(Method.GET, "/slow", Auth.NONE, RateLimit.NONE), r -> {
                    slowStarted.countDown();
                    sleep(1500);
                    return Map.of("finished", true);
                }),
                new Route(new Endpoint(Method.GET, "/_matrix/federation/v1/test", Api.FEDERATION, Auth.NONE,
                        RateLimit.NONE), r -> Map.of("federation", true)));
        Authenticator tokens = (token, ip, agent) -> "good".equals(token)
                ? Optional.of(new Requester("@alice:test.local", Optional.of("DEV"), false))
                : Optional.empty();
        server = new HttpServer(config, routes, tokens, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true);
        server.start();
        client = "http://127.0.0.1:" + server.port(0);
        federation = "http://127.0.0.1:" + server.port(1);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void unknownPathsAre404AndWrongMethods405BothUnrecognized() {
        Reply missing = Http.get(client + "/_matrix/client/v3/nothing/here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errcode()).isEqualTo("M_UNRECOGNIZED");
        Reply wrongMethod = Http.method("DELETE", client + "/_matrix/client/v3/test/echo", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errcode()).isEqualTo("M_UNRECOGNIZED");
        Reply patch = Http.method("PATCH", client + "/_matrix/client/v3/test/echo", "{}");
        assertThat(patch.status()).isEqualTo(405);
    }

    @Test
    void aJsonBodyIsBoundToTheWireRecord() {
        Reply ok = Http.method("POST", client + "/_matrix/client/v3/test/echo", "{\"name\":\"x\",\"count\":3,\"extra\":1}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("name").asText()).isEqualTo("x");
        assertThat(ok.json().path("count").asInt()).isEqualTo(3);
    }

    @Test
    void unparsableBodiesAreNotJsonAndWrongShapesAreBadJson() {
        for (String notJson : List.of("{", "hello", "{\"a\":1}}", "{\"a\":1,\"a\":2}", "{\"a\":NaN}")) {
            Reply r = Http.method("POST", client + "/_matrix/client/v3/test/echo", notJson);
            assertThat(r.status()).as(notJson).isEqualTo(400);
            assertThat(r.errcode()).as(notJson).isEqualTo("M_NOT_JSON");
        }
        for (String badShape : List.of("[1,2]", "\"text\"", "{\"count\":\"many\"}", "{\"name\":{\"nested\":true}}")) {
            Reply r = Http.method("POST", client + "/_matrix/client/v3/test/echo", badShape);
            assertThat(r.status()).as(badShape).isEqualTo(400);
            assertThat(r.errcode()).as(badShape).isEqualTo("M_BAD_JSON");
        }
    }

    @Test
    void oversizeBodiesAreTooLargeWhetherDeclaredOrStreamed() throws IOException {
        String big = "{\"name\":\"" + "x".repeat(4096) + "\"}";
        Reply declared = Http.method("POST", client + "/_matrix/client/v3/test/echo", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.errcode()).isEqualTo("M_TOO_LARGE");

        // Chunked, with no Content-Length: the limit is enforced while reading.
        String chunk = Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n";
        String raw = rawExchange("POST /_matrix/client/v3/test/echo HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunk);
        assertThat(raw).startsWith("HTTP/1.1 413").contains("\"errcode\":\"M_TOO_LARGE\"");
    }

    @Test
    void internalFailuresAre500WithoutDetails() {
        Reply r = Http.get(client + "/_matrix/client/v3/test/boom");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errcode()).isEqualTo("M_UNKNOWN");
        assertThat(r.body()).doesNotContain("secret").doesNotContain("Exception").doesNotContain("at dev.parley");
    }

    @Test
    void pathParametersArePercentDecodedAndMayHoldSlashes() throws IOException {
        Reply r = Http.get(client + "/_matrix/client/v3/test/params/%21room%3Aexample.org%2Fwith%20slash/end?q=a%2Bb+c");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("a").asText()).isEqualTo("!room:example.org/with slash");
        assertThat(r.json().path("q").asText()).isEqualTo("a+b c");
        String bad = rawExchange("GET /_matrix/client/v3/test/params/%ZZ/end HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(bad).startsWith("HTTP/1.1 400").contains("\"errcode\"");
    }

    @Test
    void tokensAreRequiredAndChecked() {
        Reply missing = Http.get(client + "/_matrix/client/v3/test/me");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.errcode()).isEqualTo("M_MISSING_TOKEN");
        Reply unknown = Http.get(client + "/_matrix/client/v3/test/me", "bad");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        Reply ok = Http.get(client + "/_matrix/client/v3/test/me", "good");
        assertThat(ok.json().path("user_id").asText()).isEqualTo("@alice:test.local");
        Reply query = Http.get(client + "/_matrix/client/v3/test/me?access_token=good");
        assertThat(query.status()).isEqualTo(200);
        Reply optionalBad = Http.get(client + "/_matrix/client/v3/test/limited", "bad");
        assertThat(optionalBad.errcode()).isEqualTo("M_UNKNOWN_TOKEN");
    }

    @Test
    void rateLimitsAnswer429WithRetryAfterPerUser() {
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(client + "/_matrix/client/v3/test/limited", "good").status()).isEqualTo(200);
        }
        Reply limited = Http.get(client + "/_matrix/client/v3/test/limited", "good");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errcode()).isEqualTo("M_LIMIT_EXCEEDED");
        assertThat(limited.json().path("retry_after_ms").asLong()).isPositive();
        assertThat(limited.header("Retry-After")).isNotNull();
        // Another key (the anonymous IP) has its own bucket.
        assertThat(Http.get(client + "/_matrix/client/v3/test/limited").status()).isEqualTo(200);
    }

    @Test
    void corsHeadersOnEveryResponseAndPreflightRunsNoLogic() {
        Reply error = Http.get(client + "/_matrix/client/v3/nothing");
        assertThat(error.header("Access-Control-Allow-Origin")).isEqualTo("*");
        Reply preflight = Http.send(HttpRequest.newBuilder(URI.create(client + "/_matrix/client/v3/test/boom"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET", "POST", "PUT", "DELETE", "OPTIONS");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization", "Content-Type", "X-Requested-With");
    }

    @Test
    void eachListenerServesOnlyItsResources() {
        assertThat(Http.get(client + "/_matrix/federation/v1/test").status()).isEqualTo(404);
        assertThat(Http.get(federation + "/_matrix/federation/v1/test").status()).isEqualTo(200);
        assertThat(Http.get(federation + "/_matrix/client/v3/test/boom").errcode()).isEqualTo("M_UNRECOGNIZED");
    }

    @Test
    void forwardedClientAddressesAreTrustedOnlyWhereConfigured() {
        HttpRequest.Builder viaProxy = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port(2)
                + "/_matrix/client/v3/test/ip")).header("X-Forwarded-For", "203.0.113.9");
        assertThat(Http.send(viaProxy).json().path("ip").asText()).isEqualTo("203.0.113.9");
        HttpRequest.Builder direct = HttpRequest.newBuilder(URI.create(client + "/_matrix/client/v3/test/ip"))
                .header("X-Forwarded-For", "203.0.113.9");
        assertThat(Http.send(direct).json().path("ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void malformedRequestsJettyRejectsStillGetMatrixErrors() throws IOException {
        String raw = rawExchange("GET /_matrix/client/v3/test/me HTTP/1.1\r\nHost: x\r\nX-Huge: "
                + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 431").contains("\"errcode\"").doesNotContain("<html");
    }

    @Test
    void stoppingLetsInFlightRequestsFinish() throws Exception {
        CompletableFuture<Reply> inFlight = CompletableFuture.supplyAsync(() -> Http.get(client + "/_matrix/client/v3/test/slow"));
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
        server.close();
        Reply finished = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.json().path("finished").asBoolean()).isTrue();
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port(0))) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
