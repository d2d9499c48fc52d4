package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it, directly and through {@code bin/parley}: `serve` with no
 * configuration generates the development configuration and signing key, answers within seconds,
 * and stops cleanly on SIGTERM.
 */
class ServeProcessIT {
    @TempDir
    Path workDir;

    @Test
    void servesFromAGeneratedConfigAndStopsGracefullyOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        serveAndStop(List.of(java.toString(), "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
                "-jar", jar(), "serve"));
    }

    /**
     * {@code bin/parley serve}, the README's command, with its JVM flags and class-data archive: the
     * script finds the jar Maven just packaged (newer than the sources, so it builds nothing).
     */
    @Test
    void theLauncherScriptServesAndStopsGracefullyOnSigterm() throws Exception {
        Path script = Path.of("bin", "parley").toAbsolutePath();
        assertThat(Path.of(jar()).toAbsolutePath()).isEqualTo(script.getParent().resolveSibling("target/parley.jar"));
        serveAndStop(List.of("bash", script.toString(), "serve"));
    }

    /** Generates a configuration with free ports, runs {@code serve} with it, checks it answers, stops it. */
    private void serveAndStop(List<String> serve) throws Exception {
        int port = freePort();
        int opsPort = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        run(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-jar", jar(), "generate-config",
                "--server-name", "localhost", "--data-dir", workDir.resolve("data").toString(),
                "--port", Integer.toString(port), "--ops-port", Integer.toString(opsPort)));
        Path log = workDir.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(serve).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process server = builder.start();
        try {
            Reply versions = awaitVersions(port, Duration.ofSeconds(30), server, log);
            assertThat(versions.status()).isEqualTo(200);
            assertThat(Files.readString(workDir.resolve("data/signing.key"))).startsWith("ed25519 a_");
            assertThat(Http.get("http://127.0.0.1:" + opsPort + "/health").body()).isEqualTo("OK");

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("ready in").contains("Parley stopped").doesNotContain("Exception")
                    .doesNotContain("Building Parley");
        } finally {
            server.destroyForcibly();
        }
    }

    private static String jar() {
        return System.getProperty("parley.jar", "target/parley.jar");
    }

    private static Reply awaitVersions(int port, Duration limit, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("server exited early:\n" + Files.readString(log));
            }
            try {
                return Http.get("http://127.0.0.1:" + port + "/_matrix/client/versions");
            } catch (java.io.UncheckedIOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no answer within " + limit + ":\n" + Files.readString(log));
    }

    private void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
