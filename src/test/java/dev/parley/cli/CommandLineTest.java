package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.config.ConfigLoader;
import dev.parley.config.ParleyConfig;
import dev.parley.core.id.UserId;
import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Databases;
import dev.parley.store.jdbc.JdbcUserStore;
import dev.parley.service.account.PasswordHasher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The scripted command line: exit codes and effects of each subcommand. */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            CommandLine cli = new CommandLine(new ParleyCommand());
            cli.setOut(new java.io.PrintWriter(System.out, true));
            cli.setErr(new java.io.PrintWriter(System.err, true));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"serve", "generate-config", "register-user"}) {
            Run r = run(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: parley " + command);
        }
        assertThat(run("--help").out()).contains("serve", "generate-config", "register-user");
    }

    @Test
    void generateConfigWritesALoadableFileAndNeverOverwrites() throws Exception {
        Path out = dir.resolve("conf/homeserver.yaml");
        Run r = run("generate-config", "--server-name", "example.org", "--data-dir", dir.resolve("data").toString(),
                "--port", "8448", "--output", out.toString());
        assertThat(r.exit()).isZero();
        ParleyConfig config = ConfigLoader.load(out, Map.of());
        assertThat(config.serverName()).isEqualTo("example.org");
        assertThat(config.listeners().getFirst().port()).isEqualTo(8448);
        assertThat(Files.getPosixFilePermissions(out)).hasSize(2); // owner read and write only

        Run again = run("generate-config", "--server-name", "other.org", "--data-dir", dir.toString(), "--output", out.toString());
        assertThat(again.exit()).isNotZero();
        assertThat(ConfigLoader.load(out, Map.of()).serverName()).isEqualTo("example.org");
    }

    @Test
    void generateConfigRefusesABadServerName() {
        Run r = run("generate-config", "--server-name", "bad name", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--server-name");
    }

    @Test
    void registerUserCreatesAnAccountWithAVerifiablePassword() throws Exception {
        Path conf = dir.resolve("parley.yaml");
        run("generate-config", "--server-name", "example.org", "--data-dir", dir.toString(), "--output", conf.toString());
        Run r = run("register-user", "--config", conf.toString(), "--user", "Alice", "--password", "pw-123", "--admin");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("@alice:example.org");

        ParleyConfig config = ConfigLoader.load(conf, Map.of());
        try (Database db = Databases.open(config.database().url(), 2, 1)) {
            var user = new JdbcUserStore(db).find(UserId.parse("@alice:example.org")).orElseThrow();
            assertThat(user.admin()).isTrue();
            assertThat(new PasswordHasher(4).matches(user.passwordHash().orElseThrow(), "pw-123")).isTrue();
        }

        Run duplicate = run("register-user", "--config", conf.toString(), "--user", "alice", "--password", "x");
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains("M_USER_IN_USE");
        Run invalid = run("register-user", "--config", conf.toString(), "--user", "al ice", "--password", "x");
        assertThat(invalid.err()).contains("M_INVALID_USERNAME");
        Run foreign = run("register-user", "--config", conf.toString(), "--user", "@bob:elsewhere.org", "--password", "x");
        assertThat(foreign.exit()).isEqualTo(2);
    }

    @Test
    void anInvalidConfigIsReportedKeyByKey() throws Exception {
        Path conf = dir.resolve("bad.yaml");
        Files.writeString(conf, "server_name: example.org\nlisteners: 5\n");
        Run r = run("register-user", "--config", conf.toString(), "--user", "a", "--password", "b");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("listeners: must be a list");
    }
}
