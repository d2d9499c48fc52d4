package dev.parley.config;

import dev.parley.core.id.ServerName;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.parley.config.ParleyConfig.Bucket;
import dev.parley.config.ParleyConfig.DatabaseConfig;
import dev.parley.config.ParleyConfig.HttpConfig;
import dev.parley.config.ParleyConfig.ListenerConfig;
import dev.parley.config.ParleyConfig.LoggingConfig;
import dev.parley.config.ParleyConfig.OpsConfig;
import dev.parley.config.ParleyConfig.PasswordConfig;
import dev.parley.config.ParleyConfig.PresenceConfig;
import dev.parley.config.ParleyConfig.Policy;
import dev.parley.config.ParleyConfig.RateLimitConfig;
import dev.parley.config.ParleyConfig.RegistrationConfig;
import dev.parley.config.ParleyConfig.Resource;
import dev.parley.config.ParleyConfig.SessionConfig;
import dev.parley.config.ParleyConfig.VoipConfig;
import dev.parley.config.ParleyConfig.WellKnownConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates the YAML configuration. Relative paths are resolved against the directory
 * of the configuration file, so the server behaves the same whatever directory it starts in.
 * The environment variable {@code PARLEY_DATABASE_URL} overrides {@code database.url}.
 */
public final class ConfigLoader {
    public static final String DATABASE_URL_ENV = "PARLEY_DATABASE_URL";
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private ConfigLoader() {
    }

    public static ParleyConfig load(Path file, Map<String, String> env) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("cannot read the configuration file " + file.toAbsolutePath());
        }
        JsonNode tree;
        try {
            tree = new YAMLMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ConfigException(file + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(tree, base, env);
    }

    /** Reads a parsed YAML tree; {@code base} anchors relative paths. */
    public static ParleyConfig parse(JsonNode tree, Path base, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        ConfigNode root = ConfigNode.root(tree, problems);

        String serverName = root.string("server_name", null);
        if (serverName == null || serverName.isBlank()) {
            root.problem("server_name", "is required (for example: example.org, or localhost for testing)");
            serverName = "localhost";
        } else if (!ServerName.isValid(serverName)) {
            root.problem("server_name", "'" + serverName + "' is not a valid server name (a DNS name or IP address, optionally with :port)");
        }

        Path dataDir = base.resolve(root.string("data_dir", ".")).normalize();
        Path signingKey = dataDir.resolve(root.string("signing_key_path", "signing.key")).normalize();
        if (root.has("signing_key_path")) {
            signingKey = base.resolve(root.string("signing_key_path", "signing.key")).normalize();
        }

        List<ListenerConfig> listeners = root.children("listeners", ConfigLoader::listener,
                List.of(new ListenerConfig("127.0.0.1", 8008, List.of(Resource.CLIENT, Resource.FEDERATION),
                        Optional.empty(), Optional.empty(), false)));
        listeners = checkListeners(root, listeners, base);

        URI publicBaseUrl = publicBaseUrl(root, serverName, listeners);
        DatabaseConfig database = database(root.child("database"), dataDir, env);
        OpsConfig ops = ops(root.child("ops"));
        HttpConfig http = http(root.child("http"));
        RegistrationConfig registration = registration(root.child("registration"));
        SessionConfig sessions = sessions(root.child("sessions"));
        ConfigNode passwordNode = root.child("passwords");
        PasswordConfig passwords = new PasswordConfig((int) passwordNode.integer("bcrypt_rounds", 12, 4, 31));
        passwordNode.rejectUnknownKeys();
        RateLimitConfig rateLimits = rateLimits(root.child("rate_limits"));
        WellKnownConfig wellKnown = wellKnown(root.child("well_known"), serverName, listeners);
        LoggingConfig logging = logging(root.child("logging"));
        MediaConfig media = MediaConfigReader.read(root.child("media"), base, dataDir);
        PresenceConfig presence = presence(root.child("presence"));
        VoipConfig voip = voip(root.child("voip"));
        root.rejectUnknownKeys();

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ParleyConfig(serverName, publicBaseUrl, dataDir, signingKey, database, listeners, ops,
                http, registration, sessions, passwords, rateLimits, wellKnown, logging, media, presence, voip);
    }

    private static ListenerConfig listener(ConfigNode node) {
        String bind = node.string("bind", "127.0.0.1");
        int port = (int) node.integer("port", 8008, 0, 65535);
        List<Resource> resources = new ArrayList<>();
        for (String name : node.strings("resources", List.of("client", "federation"))) {
            try {
                resources.add(Resource.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                node.problem("resources", "unknown resource '" + name + "' (use client and/or federation)");
            }
        }
        if (resources.isEmpty()) {
            node.problem("resources", "must name at least one of client, federation");
        }
        Optional<Path> cert = Optional.ofNullable(node.string("tls_certificate", null)).map(Path::of);
        Optional<Path> key = Optional.ofNullable(node.string("tls_private_key", null)).map(Path::of);
        if (cert.isPresent() != key.isPresent()) {
            node.problem(cert.isPresent() ? "tls_private_key" : "tls_certificate",
                    "TLS needs both tls_certificate and tls_private_key");
        }
        return new ListenerConfig(bind, port, resources, cert, key, node.bool("x_forwarded", false));
    }

    /** Checks the listeners together and returns them with TLS paths resolved against {@code base}. */
    private static List<ListenerConfig> checkListeners(ConfigNode root, List<ListenerConfig> listeners, Path base) {
        if (listeners.isEmpty()) {
            root.problem("listeners", "must hold at least one listener");
        }
        Set<String> endpoints = new HashSet<>();
        for (int i = 0; i < listeners.size(); i++) {
            ListenerConfig l = listeners.get(i);
            if (l.port() != 0 && !endpoints.add(l.bind() + ":" + l.port())) {
                root.problem("listeners[" + i + "].port", l.bind() + ":" + l.port() + " is used by another listener");
            }
            for (Path pem : java.util.stream.Stream.concat(l.tlsCertificate().stream(), l.tlsPrivateKey().stream()).toList()) {
                if (!Files.isReadable(base.resolve(pem))) {
                    root.problem("listeners[" + i + "]", "cannot read TLS file " + base.resolve(pem));
                }
            }
        }
        return listeners.stream().map(l -> new ListenerConfig(l.bind(), l.port(), l.resources(),
                l.tlsCertificate().map(base::resolve), l.tlsPrivateKey().map(base::resolve), l.xForwarded())).toList();
    }

    private static URI publicBaseUrl(ConfigNode root, String serverName, List<ListenerConfig> listeners) {
        String raw = root.string("public_baseurl", null);
        if (raw == null) {
            ListenerConfig client = listeners.stream().filter(l -> l.serves(Resource.CLIENT)).findFirst()
                    .orElse(listeners.isEmpty() ? null : listeners.getFirst());
            String host = hostOf(serverName);
            raw = client == null ? "http://" + host + "/"
                    : (client.tls() ? "https://" : "http://") + host + ":" + client.port() + "/";
        }
        try {
            URI uri = new URI(raw.endsWith("/") ? raw : raw + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                root.problem("public_baseurl", "must be an absolute http:// or https:// URL, got '" + raw + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            root.problem("public_baseurl", "is not a URL: " + e.getMessage());
            return URI.create("http://localhost/");
        }
    }

    private static DatabaseConfig database(ConfigNode node, Path dataDir, Map<String, String> env) {
        String url = node.string("url", "jdbc:sqlite:" + dataDir.resolve("parley.db"));
        String override = env.get(DATABASE_URL_ENV);
        if (override != null && !override.isBlank()) {
            url = override;
        }
        String normalized = DatabaseUrls.toJdbc(url);
        if (normalized == null) {
            node.problem("url", "'" + url + "' is neither jdbc:sqlite:FILE nor a PostgreSQL URL (jdbc:postgresql://... or postgres://...)"
                    + (override != null ? " (from " + DATABASE_URL_ENV + ")" : ""));
            normalized = url;
        }
        int max = (int) node.integer("max_connections", 10, 1, 1000);
        int readers = (int) node.integer("sqlite_read_connections", 4, 1, 64);
        node.rejectUnknownKeys();
        return new DatabaseConfig(normalized, max, readers);
    }

    private static OpsConfig ops(ConfigNode node) {
        OpsConfig ops = new OpsConfig(node.bool("enabled", true), node.string("bind", "127.0.0.1"),
                (int) node.integer("port", 9008, 0, 65535));
        node.rejectUnknownKeys();
        return ops;
    }

    private static HttpConfig http(ConfigNode node) {
        HttpConfig http = new HttpConfig(
                node.integer("max_request_body_bytes", 4L * 1024 * 1024, 1024, 1L << 31),
                (int) node.integer("max_threads", 16384, 16, 1_000_000),
                (int) node.integer("idle_timeout_seconds", 120, 5, 3600));
        node.rejectUnknownKeys();
        return http;
    }

    private static RegistrationConfig registration(ConfigNode node) {
        boolean enabled = node.bool("enabled", false);
        Optional<String> secret = Optional.ofNullable(node.string("shared_secret", null));
        if (secret.isPresent() && secret.get().length() < 16) {
            node.problem("shared_secret", "must be at least 16 characters (or removed to switch shared-secret registration off)");
        }
        boolean requireToken = node.bool("require_token", false);
        boolean allowGuests = node.bool("allow_guests", false);
        List<Policy> terms = node.children("terms", ConfigLoader::policy, List.of());
        node.rejectUnknownKeys();
        return new RegistrationConfig(enabled, secret, requireToken, allowGuests, terms);
    }

    private static Policy policy(ConfigNode node) {
        String id = node.string("id", null);
        String version = node.string("version", null);
        String name = node.string("name", null);
        String url = node.string("url", null);
        for (String[] required : new String[][] {{"id", id}, {"version", version}, {"name", name}, {"url", url}}) {
            if (required[1] == null || required[1].isBlank()) {
                node.problem(required[0], "is required for a policy document");
            }
        }
        URI uri = URI.create("https://invalid.example/");
        if (url != null) {
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                node.problem("url", "is not a URL: " + e.getMessage());
            }
        }
        return new Policy(id, version, node.string("language", "en"), name, uri);
    }

    private static SessionConfig sessions(ConfigNode node) {
        SessionConfig sessions = new SessionConfig(
                node.integer("refreshable_access_token_lifetime_ms", 300_000, 1_000, 31L * 24 * 3600 * 1000),
                node.integer("login_token_lifetime_ms", 120_000, 1_000, 3_600_000),
                node.integer("uia_session_timeout_ms", 1_800_000, 10_000, 24L * 3600 * 1000));
        node.rejectUnknownKeys();
        return sessions;
    }

    private static PresenceConfig presence(ConfigNode node) {
        PresenceConfig presence = new PresenceConfig(node.bool("enabled", true),
                node.integer("idle_timeout_ms", 300_000, 100, 24L * 3600 * 1000),
                node.integer("offline_timeout_ms", 30_000, 100, 24L * 3600 * 1000));
        node.rejectUnknownKeys();
        return presence;
    }

    private static VoipConfig voip(ConfigNode node) {
        List<String> uris = node.strings("turn_uris", List.of());
        for (String uri : uris) {
            if (!uri.startsWith("turn:") && !uri.startsWith("turns:")) {
                node.problem("turn_uris", "'" + uri + "' is not a turn: or turns: URI");
            }
        }
        Optional<String> secret = Optional.ofNullable(node.string("turn_shared_secret", null));
        Optional<String> username = Optional.ofNullable(node.string("turn_username", null));
        Optional<String> password = Optional.ofNullable(node.string("turn_password", null));
        if (secret.isPresent() && (username.isPresent() || password.isPresent())) {
            node.problem("turn_shared_secret", "use either turn_shared_secret or turn_username/turn_password, not both");
        }
        if (username.isPresent() != password.isPresent()) {
            node.problem(username.isPresent() ? "turn_password" : "turn_username",
                    "turn_username and turn_password go together");
        }
        if (!uris.isEmpty() && secret.isEmpty() && username.isEmpty()) {
            node.problem("turn_uris", "TURN servers need credentials: turn_shared_secret or turn_username/turn_password");
        }
        VoipConfig voip = new VoipConfig(uris, secret, username, password,
                node.integer("turn_ttl_seconds", 86_400, 60, 365L * 86_400), node.bool("turn_allow_guests", true));
        node.rejectUnknownKeys();
        return voip;
    }

    private static RateLimitConfig rateLimits(ConfigNode node) {
        RateLimitConfig limits = new RateLimitConfig(node.bool("enabled", true),
                bucket(node.child("client"), 10, 100),
                bucket(node.child("login"), 0.17, 3),
                bucket(node.child("registration"), 0.17, 3));
        node.rejectUnknownKeys();
        return limits;
    }

    private static Bucket bucket(ConfigNode node, double perSecond, int burst) {
        Bucket bucket = new Bucket(node.decimal("per_second", perSecond, 0.001, 1_000_000),
                (int) node.integer("burst", burst, 1, 1_000_000));
        node.rejectUnknownKeys();
        return bucket;
    }

    private static WellKnownConfig wellKnown(ConfigNode node, String serverName, List<ListenerConfig> listeners) {
        String server = node.string("server", null);
        if (server == null) {
            // Without delegation, other servers find us at the first federation listener.
            server = listeners.stream().filter(l -> l.serves(Resource.FEDERATION)).findFirst()
                    .map(l -> hostOf(serverName) + ":" + l.port()).orElse(null);
        } else if (!ServerName.isValid(server)) {
            node.problem("server", "'" + server + "' is not a server name with an optional port");
        }
        var support = SupportConfigReader.read(node);
        node.rejectUnknownKeys();
        return new WellKnownConfig(Optional.ofNullable(server), support);
    }

    /** The host part of a server name; an invalid name (already reported) is used as it is. */
    private static String hostOf(String serverName) {
        return ServerName.isValid(serverName) ? ServerName.parse(serverName).host() : serverName;
    }

    private static LoggingConfig logging(ConfigNode node) {
        String level = node.string("level", "INFO").toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            node.problem("level", "must be one of " + "TRACE, DEBUG, INFO, WARN, ERROR" + ", got '" + level + "'");
        }
        LoggingConfig logging = new LoggingConfig(level, node.bool("requests", true));
        node.rejectUnknownKeys();
        return logging;
    }
}
