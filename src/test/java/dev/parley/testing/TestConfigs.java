package dev.parley.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.parley.config.ConfigGenerator;
import dev.parley.config.ConfigLoader;
import dev.parley.config.ParleyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** Configurations for tests: the generated file (random ports), with edits applied to its YAML tree. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static ParleyConfig generated(Path dataDir, String databaseUrl, Consumer<ObjectNode> tweak) {
        try {
            String text = ConfigGenerator.generate(new ConfigGenerator.Options("test.local", dataDir, 0, 0, true));
            ObjectNode tree = (ObjectNode) new YAMLMapper().readTree(text);
            tree.withObject("logging").put("requests", false);
            tree.withObject("passwords").put("bcrypt_rounds", 4); // fast hashes: tests are not attackers
            tree.withObject("rate_limits").put("enabled", false);
            tweak.accept(tree);
            return ConfigLoader.parse(tree, dataDir, Map.of(ConfigLoader.DATABASE_URL_ENV, databaseUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
