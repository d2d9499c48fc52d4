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
        RateLimitConfig rateLimits,
        WellKnownConfig wellKnown,
        LoggingConfig logging,
        MediaConfig media) {

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

    public record RegistrationConfig(boolean enabled, Optional<String> sharedSecret) {
    }

    /** A token bucket: {@code perSecond} tokens refill each second, up to {@code burst}. */
    public record Bucket(double perSecond, int burst) {
    }

    public record RateLimitConfig(boolean enabled, Bucket client, Bucket login, Bucket registration) {
    }

    /** What {@code /.well-known/matrix/server} announces; empty means "not served". */
    public record WellKnownConfig(Optional<String> server) {
    }

    public record LoggingConfig(String level, boolean requests) {
    }
}
