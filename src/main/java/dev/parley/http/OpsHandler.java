package dev.parley.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The operations listener: {@code GET /metrics} in Prometheus text format and
 * {@code GET /health}, 200 "OK" while the database answers, 503 otherwise.
 */
public final class OpsHandler extends Handler.Abstract {
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier healthy;

    public OpsHandler(PrometheusMeterRegistry registry, BooleanSupplier healthy) {
        super(InvocationType.BLOCKING);
        this.registry = registry;
        this.healthy = healthy;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (!"GET".equals(request.getMethod())) {
            return reply(response, callback, 405, "text/plain", "method not allowed\n");
        }
        return switch (path) {
            case "/metrics" -> reply(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            case "/health" -> isHealthy()
                    ? reply(response, callback, 200, "text/plain", "OK")
                    : reply(response, callback, 503, "text/plain", "database unavailable");
            default -> reply(response, callback, 404, "text/plain", "not found\n");
        };
    }

    private boolean isHealthy() {
        try {
            return healthy.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean reply(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
