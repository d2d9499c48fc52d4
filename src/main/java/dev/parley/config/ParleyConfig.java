package dev.parley.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, as read from one YAML file by {@link ConfigLoader}. Every key, its
 * meaning and its default are documented in the generated file ({@code config-template.yaml}).
 */
public record ParleyConfig(
        String serverName,
        URI publicBaseUrl,
        Path dataDir,
        Path signingKeyPath,
        DatabaseConfig database,
        List<ListenerConfig> listeners,
        OpsConfig ops,
        HttpConfig http,
        RegistrationConfig registration,
        SessionConfig sessions,
        PasswordConfig passwords,
        RateLimitConfig rateLimits,
        WellKnownConfig wellKnown,
        LoggingConfig logging,
        MediaConfig media,
        PresenceConfig presence,
        VoipConfig voip) {

    public ParleyConfig {
        listeners = List.copyOf(listeners);
    }

    /** Which API a listener serves. */
    public enum Resource {
        CLIENT, FEDERATION
    }

    public record DatabaseConfig(String url, int maxConnections, int sqliteReadConnections) {
        public boolean isSqlite() {
            return url.startsWith("jdbc:sqlite:");
        }
    }

    /**
     * One HTTP listener; TLS when both PEM paths are set. {@code xForwarded}: trust the
     * {@code X-Forwarded-For}/{@code Forwarded} headers of a reverse proxy for the client address.
     */
    public record ListenerConfig(String bind, int port, List<Resource> resources,
                                 Optional<Path> tlsCertificate, Optional<Path> tlsPrivateKey, boolean xForwarded) {
        public ListenerConfig {
            resources = List.copyOf(resources);
        }

        public boolean serves(Resource resource) {
            return resources.contains(resource);
        }

        public boolean tls() {
            return tlsCertificate.isPresent();
        }
    }

    /** The operations listener: Prometheus metrics and the health check. */
    public record OpsConfig(boolean enabled, String bind, int port) {
    }

    public record HttpConfig(long maxRequestBodyBytes, int maxThreads, int idleTimeoutSeconds) {
    }

    /**
     * @param requireToken registration needs an {@code m.login.registration_token}
     * @param terms policy documents a new user must accept ({@code m.login.terms}); empty: none
     */
    public record RegistrationConfig(boolean enabled, Optional<String> sharedSecret, boolean requireToken,
                                     boolean allowGuests, List<Policy> terms) {
        public RegistrationConfig {
            terms = List.copyOf(terms);
        }
    }

    /** @param bcryptRounds the bcrypt cost of new password hashes (2^rounds iterations) */
    public record PasswordConfig(int bcryptRounds) {
    }

    /** A policy document shown at registration, e.g. {@code terms_of_service} version 1.0. */
    public record Policy(String id, String version, String language, String name, URI url) {
    }

    /**
     * @param refreshableTokenLifetimeMs lifetime of access tokens issued with a refresh token
     * @param loginTokenLifetimeMs lifetime of {@code m.login.token} tokens from {@code /login/get_token}
     * @param uiaSessionTimeoutMs how long a user-interactive auth session stays usable when idle
     */
    public record SessionConfig(long refreshableTokenLifetimeMs, long loginTokenLifetimeMs, long uiaSessionTimeoutMs) {
    }

    /** A token bucket: {@code perSecond} tokens refill each second, up to {@code burst}. */
    public record Bucket(double perSecond, int burst) {
    }

    public record RateLimitConfig(boolean enabled, Bucket client, Bucket login, Bucket registration) {
    }

    /**
     * What the {@code .well-known} documents announce; empty means "not served".
     *
     * @param server {@code /.well-known/matrix/server}: this server's federation endpoint
     * @param support {@code /.well-known/matrix/support}: who runs the server and where to get help
     */
    public record WellKnownConfig(Optional<String> server, Optional<Support> support) {
    }

    /**
     * Support discovery (Client-Server API, "Getting the support information"): at least one
     * contact or a support page.
     */
    public record Support(List<Contact> contacts, Optional<URI> supportPage) {
        public Support {
            contacts = List.copyOf(contacts);
        }
    }

    /** A way to reach the server's administrators; at least one of the two addresses is set. */
    public record Contact(Optional<String> matrixId, Optional<String> emailAddress, String role) {
    }

    /**
     * TURN servers for VoIP (Client-Server API, "Voice over IP"). Credentials are either a shared
     * secret, from which time-limited ones are derived per request (the TURN REST API scheme that
     * coturn's {@code use-auth-secret} implements), or a static username and password.
     *
     * @param turnUris {@code turn:}/{@code turns:} URIs; empty: no TURN server is offered
     * @param ttlSeconds how long handed-out credentials are valid (and clients may cache them)
     * @param allowGuests whether guest accounts get credentials too
     */
    public record VoipConfig(List<String> turnUris, Optional<String> sharedSecret, Optional<String> username,
                             Optional<String> password, long ttlSeconds, boolean allowGuests) {
        public VoipConfig {
            turnUris = List.copyOf(turnUris);
        }
    }

    public record LoggingConfig(String level, boolean requests) {
    }

    /**
     * Presence (Client-Server API, "Presence").
     *
     * @param enabled false: the endpoints answer, but nothing is stored or sent to anyone
     * @param idleTimeoutMs an online user inactive this long becomes {@code unavailable}
     * @param offlineTimeoutMs a user not syncing for this long becomes {@code offline}
     */
    public record PresenceConfig(boolean enabled, long idleTimeoutMs, long offlineTimeoutMs) {
    }
}
