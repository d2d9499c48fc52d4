package dev.parley.http;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every Matrix request on one listener passes through here, in this order: CORS headers,
 * routing, authentication (with the account's lock or suspension), rate limiting, body size
 * limit, the endpoint's handler, and the one error mapper. Runs on a virtual thread per
 * request, so the handler may block.
 */
final class MatrixHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger("dev.parley.http.requests");
    private static final AtomicLong REQUEST_COUNTER = new AtomicLong();

    private final Router router;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final long maxBodyBytes;
    private final boolean logRequests;
    private final MeterRegistry metrics;

    MatrixHandler(Router router, Authenticator authenticator, RateLimiter rateLimiter, long maxBodyBytes,
                  boolean logRequests, MeterRegistry metrics) {
        super(InvocationType.BLOCKING);
        this.router = router;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.maxBodyBytes = maxBodyBytes;
        this.logRequests = logRequests;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String requestId = Long.toString(REQUEST_COUNTER.incrementAndGet(), 36);
        MDC.put("request", requestId);
        Cors.apply(response.getHeaders());
        String rawPath = request.getHttpURI().getPath();
        String route = "unmatched";
        String user = "-";
        int status;
        boolean bodyTaken = false;
        try {
            if ("OPTIONS".equals(request.getMethod())) {
                // Spec: answer pre-flight with the CORS headers and perform no endpoint logic.
                if (!router.knowsPath(rawPath)) {
                    throw new MatrixException(ErrCode.UNRECOGNIZED, "Unrecognized request");
                }
                status = 204;
                response.setStatus(status);
                callback.succeeded();
                MDC.remove("request");
                return true;
            }
            Router.Match match = router.match(method(request.getMethod()), rawPath);
            Endpoint endpoint = match.route().endpoint();
            route = endpoint.toString();
            String clientIp = Request.getRemoteAddr(request);
            Optional<Requester> requester = authenticate(endpoint, request, clientIp);
            if (requester.isPresent()) {
                user = requester.get().userId();
                if (requester.get().guest() && !endpoint.guestAccess()) {
                    throw new MatrixException(ErrCode.GUEST_ACCESS_FORBIDDEN, "Guest access is not allowed here");
                }
            }
            rateLimiter.acquire(endpoint.rateLimit(), requester.map(Requester::userId).orElse(clientIp));
            boolean streamed = endpoint.body() == Endpoint.Body.STREAMED;
            bodyTaken = true;
            byte[] body = streamed ? new byte[0] : readBody(request);
            Optional<RequestContext.StreamedBody> stream = streamed
                    ? Optional.of(new RequestContext.StreamedBody(request.getLength(),
                            () -> Content.Source.asInputStream(request)))
                    : Optional.empty();
            RequestContext context = new RequestContext(requestId, endpoint, match.pathParams(),
                    QueryStrings.parse(request.getHttpURI().getQuery()), body, requester, clientIp,
                    name -> request.getHeaders().get(name),
                    requester.isPresent() ? AccessTokens.fromRequest(request) : Optional.empty(), stream);
            Object result = match.route().handler().handle(context);
            status = result instanceof FileResult file
                    ? FileResponses.write(request, response, callback, file)
                    : write(response, callback, result);
        } catch (MatrixException e) {
            if (e.errCode() == ErrCode.TOO_LARGE) {
                drainBody(request, LimitedBody.MAX_DRAIN_BYTES);
            } else if (!bodyTaken && request.getLength() <= maxBodyBytes) {
                // Refused before the body was read (a locked account, a bad token, a rate
                // limit): a body the request may carry is read and dropped, so the connection
                // stays usable for the client's next request.
                drainBody(request, maxBodyBytes);
            }
            status = writeError(response, callback, e);
        } catch (RuntimeException | Error e) {
            log.error("request {} {} {} failed", requestId, request.getMethod(), route, e);
            status = writeError(response, callback, ErrorBodies.internal(requestId));
        }
        long nanos = System.nanoTime() - start;
        Timer.builder("parley_http_requests")
                .tag("route", route).tag("status", Integer.toString(status))
                .register(metrics).record(nanos, TimeUnit.NANOSECONDS);
        if (logRequests) {
            log.info("{} {} {} {} {}ms", Request.getRemoteAddr(request), request.getMethod(),
                    LogRedaction.path(request.getHttpURI().getPathQuery()), status + " " + user,
                    TimeUnit.NANOSECONDS.toMillis(nanos));
        }
        MDC.remove("request");
        return true;
    }

    private static Endpoint.Method method(String name) {
        try {
            return Endpoint.Method.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null; // HEAD, PATCH, ...: known paths answer 405
        }
    }

    private Optional<Requester> authenticate(Endpoint endpoint, Request request, String clientIp) {
        if (endpoint.auth() == Auth.NONE) {
            return Optional.empty();
        }
        Optional<String> token = AccessTokens.fromRequest(request);
        if (token.isEmpty()) {
            if (endpoint.auth() == Auth.REQUIRED) {
                throw new MatrixException(ErrCode.MISSING_TOKEN, "Missing access token");
            }
            return Optional.empty();
        }
        String userAgent = Optional.ofNullable(request.getHeaders().get(HttpHeader.USER_AGENT)).orElse("");
        Requester requester = authenticator.authenticate(token.get(), clientIp, userAgent)
                .orElseThrow(() -> new MatrixException(ErrCode.UNKNOWN_TOKEN, "Unrecognised access token",
                        Map.of("soft_logout", false)));
        checkModeration(endpoint, requester);
        return Optional.of(requester);
    }

    /**
     * Client-Server API, "Account locking": a locked account gets 401 {@code M_USER_LOCKED} with
     * {@code soft_logout: true} "on all but" {@code /logout} and {@code /logout/all}, so the
     * client keeps its session for when the lock is lifted. "Account suspension": the endpoints
     * closed to suspended accounts as a whole (profile changes) get 403 {@code M_USER_SUSPENDED};
     * room actions are refused per event where local events are checked.
     */
    private static void checkModeration(Endpoint endpoint, Requester requester) {
        if (requester.locked() && endpoint.moderation() != Endpoint.Moderation.OPEN_WHEN_LOCKED) {
            throw MatrixException.userLocked();
        }
        if (requester.suspended() && endpoint.moderation() == Endpoint.Moderation.CLOSED_WHEN_SUSPENDED) {
            throw MatrixException.userSuspended();
        }
    }

    private byte[] readBody(Request request) {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            // With a Content-Length (Jetty holds the client to it) the body is read into one array
            // of its size; readNBytes of the limit would fill 16 KiB chunks and copy them.
            int limit = declared >= 0 ? (int) declared : (int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1);
            byte[] body = in.readNBytes(limit);
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new MatrixException(ErrCode.UNKNOWN, "Could not read the request body");
        }
    }

    /**
     * Reads and discards what is left of a refused body, up to a bound, before answering with an
     * error. A client still sending when the connection closes (the JDK's HttpClient, many upload
     * libraries) would otherwise see a reset instead of the answer (M_TOO_LARGE, say), or find
     * its kept-alive connection closed under its next request. Beyond the bound the connection is
     * simply closed.
     */
    private static void drainBody(Request request, long maxBytes) {
        if (request.getLength() > maxBytes || request.getLength() == 0) {
            return;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            LimitedBody.drain(in, maxBytes);
        } catch (IOException ignored) {
            // Closing after draining; nothing left to do for this client.
        }
    }

    private MatrixException tooLarge() {
        return new MatrixException(ErrCode.TOO_LARGE, "Request body is larger than " + maxBodyBytes + " bytes");
    }

    private static int write(Response response, Callback callback, Object result) {
        HttpResult http = result instanceof HttpResult r ? r : HttpResult.json(200, result);
        byte[] bytes;
        if (http.body() instanceof byte[] raw) {
            bytes = raw;
        } else {
            try {
                bytes = Json.MAPPER.writeValueAsBytes(http.body());
            } catch (IOException e) {
                throw new IllegalStateException("response not serialisable", e);
            }
        }
        response.setStatus(http.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, http.contentType());
        http.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return http.status();
    }

    private static int writeError(Response response, Callback callback, MatrixException e) {
        int status = e.errCode().status();
        if (e.errCode() == ErrCode.LIMIT_EXCEEDED && e.extra().get("retry_after_ms") instanceof Long ms) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, (ms + 999) / 1000)));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ErrorBodies.of(e)), callback);
        return status;
    }
}
