package dev.parley.service.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Media bytes on disk, content-addressed: a file is named by the SHA-256 of its bytes
 * ({@code content/ab/cd/abcd…}), so identical uploads share one file and a name never changes
 * meaning. Bytes are written to a temporary file while being hashed, forced to disk, then
 * atomically renamed into place; two concurrent writes of the same bytes rename identical files
 * onto one name and end as one file. A crash leaves at most a stray temporary file, never a
 * half-written content file.
 */
public final class MediaFiles {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path content;
    private final Path temporary;

    /** A file stored: its hash (hex, lower case) and size. */
    public record Stored(String sha256, long size) {
    }

    public MediaFiles(Path root) {
        this.content = root.resolve("content");
        this.temporary = root.resolve("tmp");
        try {
            Files.createDirectories(content);
            Files.createDirectories(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the media directory " + root, e);
        }
    }

    /** Stores everything {@code in} yields. Exceptions thrown by {@code in} propagate unchanged. */
    public Stored write(InputStream in) {
        Path tmp = null;
        boolean moved = false;
        try {
            tmp = Files.createTempFile(temporary, "upload-", ".part");
            MessageDigest sha = sha256();
            long size = 0;
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    sha.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    size += n;
                }
                out.force(true);
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            moved = moveIntoPlace(tmp, hash);
            return new Stored(hash, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store media", e);
        } finally {
            if (tmp != null && !moved) {
                deleteQuietly(tmp);
            }
        }
    }

    public Stored write(byte[] bytes) {
        return write(new java.io.ByteArrayInputStream(bytes));
    }

    /** The file holding the content with this hash (which must be a hash this class produced). */
    public Path path(String sha256) {
        if (sha256.length() != 64 || !sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        return content.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    public boolean exists(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /** @return whether {@code tmp} was moved (false: the content was already there and tmp is redundant) */
    private boolean moveIntoPlace(Path tmp, String hash) throws IOException {
        Path target = path(hash);
        if (Files.isRegularFile(target)) {
            return false;
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        try {
            // rename(2): atomic, and replaces a file another upload of the same bytes put there
            // meanwhile, so the name holds complete content at every instant.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.isRegularFile(target)) {
                throw e;
            }
            return false;
        }
        forceDirectory(dir);
        return true;
    }

    /** Makes the rename itself durable: a 200 means the file survives a power cut. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open directories; the file's own data is already forced.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A stray temporary file costs disk space only; the next start could sweep tmp/.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
