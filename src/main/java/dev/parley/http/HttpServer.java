package dev.parley.http;

import dev.parley.api.Endpoint.Api;
import dev.parley.config.ParleyConfig;
import dev.parley.config.ParleyConfig.ListenerConfig;
import dev.parley.config.ParleyConfig.Resource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The Jetty server: one connector per configured listener (client API, federation API or
 * both, optionally TLS), plus the operations listener. Requests run on virtual threads.
 * Tuned as DESIGN.md says: no header cache (it costs ~100 KB per keep-alive connection), a deep
 * accept queue, and graceful stop (in-flight requests finish, new ones are refused).
 */
public final class HttpServer implements AutoCloseable {
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Server server;
    private final List<ServerConnector> listeners = new ArrayList<>();
    private final Optional<ServerConnector> ops;

    public HttpServer(ParleyConfig config, List<Route> routes, Authenticator authenticator,
                      PrometheusMeterRegistry metrics, BooleanSupplier healthy) {
        VirtualThreadPool threads = new VirtualThreadPool(config.http().maxThreads());
        threads.setName("http");
        server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT_MS);
        server.setStopAtShutdown(false); // Main stops the server, then closes the database
        server.setErrorHandler(new JsonErrorHandler());

        RateLimiter rateLimiter = new RateLimiter(config.rateLimits());
        Map<Connector, Handler> byConnector = new IdentityHashMap<>();
        for (ListenerConfig listener : config.listeners()) {
            ServerConnector connector = connector(listener, config.http().idleTimeoutSeconds());
            Set<Api> apis = apisOf(listener);
            Router router = new Router(routes.stream().filter(r -> apis.contains(r.endpoint().api())).toList());
            byConnector.put(connector, new MatrixHandler(router, authenticator, rateLimiter,
                    config.http().maxRequestBodyBytes(), config.logging().requests(), metrics));
            listeners.add(connector);
            server.addConnector(connector);
        }
        if (config.ops().enabled()) {
            ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(httpConfiguration()));
            connector.setHost(config.ops().bind());
            connector.setPort(config.ops().port());
            byConnector.put(connector, new OpsHandler(metrics, healthy));
            server.addConnector(connector);
            ops = Optional.of(connector);
        } else {
            ops = Optional.empty();
        }
        ByConnector dispatch = new ByConnector(byConnector);
        server.setHandler(new GracefulHandler(dispatch));
    }

    private ServerConnector connector(ListenerConfig listener, int idleTimeoutSeconds) {
        HttpConfiguration http = httpConfiguration();
        if (listener.xForwarded()) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector;
        if (listener.tls()) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            var tls = TlsContexts.fromPem(listener.tlsCertificate().orElseThrow(), listener.tlsPrivateKey().orElseThrow());
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        connector.setHost(listener.bind());
        connector.setPort(listener.port());
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(idleTimeoutSeconds * 1000L);
        return connector;
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setHeaderCacheSize(0);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        // Matrix IDs in paths may carry encoded '/' (state keys, say): the router splits the raw
        // path itself, so Jetty must not reject or pre-decode those.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        return http;
    }

    private static Set<Api> apisOf(ListenerConfig listener) {
        Set<Api> apis = EnumSet.of(Api.WELL_KNOWN);
        if (listener.serves(Resource.CLIENT)) {
            apis.addAll(List.of(Api.CLIENT, Api.MEDIA, Api.ADMIN));
        }
        if (listener.serves(Resource.FEDERATION)) {
            apis.addAll(List.of(Api.FEDERATION, Api.KEY));
        }
        return apis;
    }

    public void start() throws Exception {
        server.start();
    }

    /** The bound port of the i-th configured listener (useful when configured as 0). */
    public int port(int listenerIndex) {
        return listeners.get(listenerIndex).getLocalPort();
    }

    public Optional<Integer> opsPort() {
        return ops.map(ServerConnector::getLocalPort);
    }

    /** Stops accepting, lets in-flight requests finish (up to a timeout), then stops. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Sends each request to the handler of the connector it arrived on. */
    private static final class ByConnector extends Handler.Abstract {
        private final Map<Connector, Handler> handlers;

        ByConnector(Map<Connector, Handler> handlers) {
            super(InvocationType.BLOCKING);
            this.handlers = handlers;
            handlers.values().forEach(this::addBean);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Handler handler = handlers.get(request.getConnectionMetaData().getConnector());
            return handler != null && handler.handle(request, response, callback);
        }

        @Override
        public void setServer(Server server) {
            super.setServer(server);
            handlers.values().forEach(h -> h.setServer(server));
        }
    }
}
