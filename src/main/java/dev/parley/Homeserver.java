package dev.parley;

import dev.parley.config.ParleyConfig;
import dev.parley.config.SigningKeyFile;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.id.ServerName;
import dev.parley.http.HttpServer;
import dev.parley.http.Requester;
import dev.parley.http.Route;
import dev.parley.http.client.AccountRoutes;
import dev.parley.http.client.DiscoveryRoutes;
import dev.parley.http.federation.VersionRoutes;
import dev.parley.http.media.MediaRoutes;
import dev.parley.service.account.AccountService;
import dev.parley.service.account.PasswordHasher;
import dev.parley.service.account.Sessions;
import dev.parley.service.media.MediaFiles;
import dev.parley.service.media.MediaService;
import dev.parley.service.media.Thumbnailer;
import dev.parley.service.media.UrlPreviewService;
import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Databases;
import dev.parley.store.jdbc.JdbcAccessTokenStore;
import dev.parley.store.jdbc.JdbcMediaStore;
import dev.parley.store.jdbc.JdbcUrlPreviewStore;
import dev.parley.store.jdbc.JdbcUserStore;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring: builds every component from the configuration, in one place, and owns their
 * lifetimes. Nothing else constructs services or stores.
 */
public final class Homeserver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Homeserver.class);
    /** bcrypt cost for new password hashes. */
    private static final int BCRYPT_COST = 12;

    private final Database database;
    private final HttpServer http;
    private final JvmGcMetrics gcMetrics;
    private final AccountService accounts;
    private final Sessions sessions;
    private final MediaService media;
    private final UrlPreviewService previews;

    private Homeserver(Database database, HttpServer http, JvmGcMetrics gcMetrics, AccountService accounts,
                       Sessions sessions, MediaService media, UrlPreviewService previews) {
        this.database = database;
        this.http = http;
        this.gcMetrics = gcMetrics;
        this.accounts = accounts;
        this.sessions = sessions;
        this.media = media;
        this.previews = previews;
    }

    /** Opens the database (migrating it) and starts serving. */
    public static Homeserver start(ParleyConfig config) throws Exception {
        long started = System.nanoTime();
        SigningKey signingKey = SigningKeyFile.loadOrGenerate(config.signingKeyPath());
        Database database = Databases.open(config.database().url(), config.database().maxConnections(),
                config.database().sqliteReadConnections());
        UrlPreviewService previews = null;
        try {
            Clock clock = Clock.systemUTC();
            JdbcUserStore users = new JdbcUserStore(database);
            Sessions sessions = new Sessions(new JdbcAccessTokenStore(database), users, clock);
            AccountService accounts = new AccountService(users, new PasswordHasher(BCRYPT_COST),
                    ServerName.parse(config.serverName()), clock);
            MediaService media = new MediaService(new JdbcMediaStore(database), new MediaFiles(config.media().path()),
                    new Thumbnailer(config.media().maxThumbnailSourcePixels()), ServerName.parse(config.serverName()),
                    config.media(), clock);
            previews = new UrlPreviewService(config.media().urlPreview(), new JdbcUrlPreviewStore(database), media, clock);

            List<Route> routes = new ArrayList<>();
            routes.addAll(DiscoveryRoutes.routes(config.publicBaseUrl(), config.wellKnown().server()));
            routes.addAll(AccountRoutes.routes());
            routes.addAll(VersionRoutes.routes(version()));
            routes.addAll(MediaRoutes.routes(media, previews));

            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            new ProcessorMetrics().bindTo(metrics);
            new UptimeMetrics().bindTo(metrics);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(metrics);

            HttpServer http = new HttpServer(config, routes,
                    token -> sessions.authenticate(token).map(s -> new Requester(s.userId().value(), s.deviceId(), s.guest())),
                    metrics, database::isHealthy);
            http.start();
            Homeserver server = new Homeserver(database, http, gc, accounts, sessions, media, previews);
            log.info("Parley {} serving {} (signing key {}) on {} (database: {}) — ready in {} ms", version(),
                    config.serverName(), signingKey.keyId(),
                    server.describeListeners(config), database.dialect().name().toLowerCase(java.util.Locale.ROOT),
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (Exception | Error e) {
            if (previews != null) {
                previews.close();
            }
            database.close();
            throw e;
        }
    }

    private String describeListeners(ParleyConfig config) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < config.listeners().size(); i++) {
            var l = config.listeners().get(i);
            out.add((l.tls() ? "https://" : "http://") + l.bind() + ":" + http.port(i) + " " + l.resources());
        }
        http.opsPort().ifPresent(p -> out.add("ops http://" + config.ops().bind() + ":" + p));
        return String.join(", ", out);
    }

    static String version() {
        String v = Homeserver.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The bound port of the i-th listener. */
    public int port(int listenerIndex) {
        return http.port(listenerIndex);
    }

    public java.util.Optional<Integer> opsPort() {
        return http.opsPort();
    }

    public AccountService accounts() {
        return accounts;
    }

    public Sessions sessions() {
        return sessions;
    }

    public MediaService media() {
        return media;
    }

    /** Graceful: stop accepting, finish in-flight requests, then close the database. */
    @Override
    public void close() {
        try {
            http.close();
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly", e);
        }
        gcMetrics.close();
        previews.close();
        database.close();
        log.info("Parley stopped");
    }
}
