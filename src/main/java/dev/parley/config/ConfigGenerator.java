package dev.parley.config;

import dev.parley.core.id.ServerName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a new configuration file from the documented template: every key appears with a
 * comment and its default, so the generated file is also the configuration reference.
 */
public final class ConfigGenerator {
    private static final String TEMPLATE = "config-template.yaml";

    /** What a new configuration is generated from. */
    public record Options(String serverName, Path dataDir, int port, int opsPort, boolean registrationEnabled) {
    }

    private ConfigGenerator() {
    }

    public static String generate(Options options) {
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        String host = ServerName.parse(options.serverName()).host();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("server_name", options.serverName());
        values.put("public_baseurl", "http://" + host + ":" + options.port() + "/");
        values.put("data_dir", dataDir.toString());
        values.put("signing_key_path", dataDir.resolve("signing.key").toString());
        values.put("database_url", "jdbc:sqlite:" + dataDir.resolve("parley.db"));
        values.put("media_path", dataDir.resolve("media").toString());
        values.put("port", Integer.toString(options.port()));
        values.put("ops_port", Integer.toString(options.opsPort()));
        values.put("registration_enabled", Boolean.toString(options.registrationEnabled()));
        values.put("shared_secret", "\"" + randomSecret() + "\"");
        String text = template();
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return text;
    }

    private static String template() {
        try (InputStream in = ConfigGenerator.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
