import dev.parley.Homeserver;
import dev.parley.config.ConfigLoader;
import dev.parley.core.id.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs Parley from a configuration file like `parley serve`, plus one thing the client API
 * cannot do yet (login arrives with the accounts work): it registers a user and writes an
 * access token for it to a file, for the media benchmark to use.
 *
 * Usage: java -cp target/parley.jar bench/MediaBenchServer.java CONFIG TOKEN_FILE
 */
public class MediaBenchServer {
    public static void main(String[] args) throws Exception {
        Homeserver server = Homeserver.start(ConfigLoader.load(Path.of(args[0]), System.getenv()));
        UserId user = server.accounts().register("bench", Optional.of("bench-password"), false);
        Files.writeString(Path.of(args[1]), server.sessions().issue(user, Optional.of("BENCH")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
