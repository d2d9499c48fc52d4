package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.config.ParleyConfig.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("parley.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private ParleyConfig generatedAndLoaded(Map<String, String> env) throws Exception {
        Path file = write(ConfigGenerator.generate(new ConfigGenerator.Options("example.org", dir.resolve("data"), 8448, 9000, false)));
        return ConfigLoader.load(file, env);
    }

    @Test
    void theGeneratedFileLoadsWithItsDocumentedDefaults() throws Exception {
        ParleyConfig config = generatedAndLoaded(Map.of());
        assertThat(config.serverName()).isEqualTo("example.org");
        assertThat(config.publicBaseUrl().toString()).isEqualTo("http://example.org:8448/");
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.signingKeyPath()).isEqualTo(dir.resolve("data/signing.key"));
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/parley.db"));
        assertThat(config.database().isSqlite()).isTrue();
        assertThat(config.listeners()).singleElement().satisfies(l -> {
            assertThat(l.bind()).isEqualTo("127.0.0.1");
            assertThat(l.port()).isEqualTo(8448);
            assertThat(l.resources()).containsExactly(Resource.CLIENT, Resource.FEDERATION);
            assertThat(l.tls()).isFalse();
        });
        assertThat(config.ops()).isEqualTo(new ParleyConfig.OpsConfig(true, "127.0.0.1", 9000));
        assertThat(config.http().maxRequestBodyBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(config.registration().enabled()).isFalse();
        assertThat(config.registration().sharedSecret()).hasValueSatisfying(s -> assertThat(s).hasSizeGreaterThan(30));
        assertThat(config.rateLimits().enabled()).isTrue();
        assertThat(config.rateLimits().login()).isEqualTo(new ParleyConfig.Bucket(0.17, 3));
        assertThat(config.wellKnown().server()).contains("example.org:8448");
        assertThat(config.logging().level()).isEqualTo("INFO");
    }

    @Test
    void aMinimalFileNeedsOnlyTheServerName() throws Exception {
        ParleyConfig config = ConfigLoader.load(write("server_name: matrix.example.com\n"), Map.of());
        assertThat(config.listeners()).hasSize(1);
        assertThat(config.publicBaseUrl().toString()).isEqualTo("http://matrix.example.com:8008/");
        assertThat(config.dataDir()).isEqualTo(dir);
        assertThat(config.registration().sharedSecret()).isEmpty();
    }

    @Test
    void theEnvironmentOverridesTheDatabase() throws Exception {
        ParleyConfig config = generatedAndLoaded(Map.of(ConfigLoader.DATABASE_URL_ENV, "postgres://parley:pw@db.internal:5433/parley"));
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db.internal:5433/parley?user=parley&password=pw");
        assertThat(config.database().isSqlite()).isFalse();
    }

    @Test
    void everyProblemNamesItsKey() throws Exception {
        Path file = write("""
                server_name: "not a name!"
                public_baseurl: ftp://example.org/
                listeners:
                  - port: 70000
                    resources: [client, gopher]
                    tls_certificate: /nonexistent/cert.pem
                ops:
                  port: -1
                http:
                  max_request_body_bytes: lots
                registration:
                  enabled: "maybe"
                  shared_secret: short
                rate_limits:
                  client:
                    per_second: 0
                logging:
                  level: LOUD
                databse:
                  url: x
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p).startsWith("server_name:"))
                        .anySatisfy(p -> assertThat(p).startsWith("public_baseurl:"))
                        .anySatisfy(p -> assertThat(p).startsWith("listeners[0].port:"))
                        .anySatisfy(p -> assertThat(p).startsWith("listeners[0].resources:").contains("gopher"))
                        .anySatisfy(p -> assertThat(p).startsWith("listeners[0].tls_private_key:"))
                        .anySatisfy(p -> assertThat(p).startsWith("ops.port:"))
                        .anySatisfy(p -> assertThat(p).startsWith("http.max_request_body_bytes:"))
                        .anySatisfy(p -> assertThat(p).startsWith("registration.enabled:"))
                        .anySatisfy(p -> assertThat(p).startsWith("registration.shared_secret:"))
                        .anySatisfy(p -> assertThat(p).startsWith("rate_limits.client.per_second:"))
                        .anySatisfy(p -> assertThat(p).startsWith("logging.level:"))
                        .anySatisfy(p -> assertThat(p).startsWith("databse:").contains("unknown key")));
    }

    @Test
    void unsupportedDatabasesAndDuplicateListenersAreRefused() throws Exception {
        Path file = write("""
                server_name: example.org
                database:
                  url: mysql://localhost/parley
                listeners:
                  - {port: 8008}
                  - {port: 8008}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.url:")
                .hasMessageContaining("listeners[1].port:");
    }

    @Test
    void brokenYamlAndMissingFilesAreReportedPlainly() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("server_name: [unclosed\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> ConfigLoader.load(write("- just\n- a list\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mapping");
    }

    @Test
    void voipAndSupportDefaultToOffAndAreChecked() throws Exception {
        ParleyConfig defaults = generatedAndLoaded(Map.of());
        assertThat(defaults.voip().turnUris()).isEmpty();
        assertThat(defaults.voip().ttlSeconds()).isEqualTo(86400);
        assertThat(defaults.voip().allowGuests()).isTrue();
        assertThat(defaults.wellKnown().support()).isEmpty();

        Path file = write("""
                server_name: example.org
                voip:
                  turn_uris: ["http://turn.example.org"]
                  turn_shared_secret: s
                  turn_username: u
                well_known:
                  support:
                    contacts:
                      - {role: m.role.admin}
                      - {matrix_id: admin, role: m.role.admin}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("voip.turn_uris:")
                .hasMessageContaining("voip.turn_shared_secret:")
                .hasMessageContaining("voip.turn_password:")
                .hasMessageContaining("well_known.support.contacts[0].matrix_id:")
                .hasMessageContaining("well_known.support.contacts[1].matrix_id:");
        assertThatThrownBy(() -> ConfigLoader.load(write("""
                server_name: example.org
                voip:
                  turn_uris: ["turn:turn.example.org"]
                well_known:
                  support: {}
                """), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("voip.turn_uris: TURN servers need credentials")
                .hasMessageContaining("well_known.support.contacts:");
    }
}
