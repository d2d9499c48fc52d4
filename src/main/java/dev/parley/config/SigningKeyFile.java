package dev.parley.config;

import dev.parley.core.crypto.SigningKey;
import dev.parley.core.error.MatrixException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

/**
 * The server's signing key file, in Synapse's format ({@code ed25519 <version> <seed>} per
 * line), so keys can move between servers. Generated on first start; never overwritten, since
 * other servers cache the public key and a lost key breaks federation.
 */
public final class SigningKeyFile {
    private static final String VERSION_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private SigningKeyFile() {
    }

    /** The first key in the file, creating the file with a new key when it does not exist. */
    public static SigningKey loadOrGenerate(Path file) {
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            List<SigningKey> keys = SigningKey.fromKeyFile(Files.readString(file));
            if (keys.isEmpty()) {
                throw new ConfigException("signing_key_path: " + file + " holds no signing key");
            }
            return keys.getFirst();
        } catch (IOException e) {
            throw new ConfigException("signing_key_path: cannot read or create " + file + ": " + e.getMessage());
        } catch (MatrixException | IllegalArgumentException e) {
            throw new ConfigException("signing_key_path: " + file + " is not a signing key file: " + e.getMessage());
        }
    }

    private static void generate(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        StringBuilder version = new StringBuilder("a_");
        for (int i = 0; i < 4; i++) {
            version.append(VERSION_ALPHABET.charAt(random.nextInt(VERSION_ALPHABET.length())));
        }
        SigningKey key = SigningKey.generate(version.toString(), random);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".signing", ".key");
        Files.writeString(tmp, key.toKeyFileLine() + "\n");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX filesystem; the directory's permissions apply.
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
