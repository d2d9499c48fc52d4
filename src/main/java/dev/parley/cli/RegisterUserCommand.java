package dev.parley.cli;

import dev.parley.config.ParleyConfig;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.service.account.AccountService;
import dev.parley.service.account.PasswordHasher;
import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Databases;
import dev.parley.store.jdbc.JdbcUserStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley register-user}: creates an account directly in the database. */
@Command(name = "register-user", mixinStandardHelpOptions = true,
        description = "Create a user account (works while the server runs, too).")
public final class RegisterUserCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The configuration file.")
    Path config;

    @Option(names = "--user", required = true, description = "The localpart (alice) or full user ID (@alice:server).")
    String user;

    @Option(names = "--password", required = true, description = "The password.")
    String password;

    @Option(names = "--admin", description = "Make the user a server administrator.")
    boolean admin;

    @Override
    public Integer call() {
        ParleyConfig parsed;
        try {
            parsed = ConfigFiles.load(config);
        } catch (ConfigFiles.CommandFailed e) {
            return e.exitCode;
        }
        Logging.configure(new ParleyConfig.LoggingConfig("WARN", false));
        String localpart = user;
        if (user.startsWith("@")) {
            if (!UserId.isValid(user) || !UserId.parse(user).server().value().equals(parsed.serverName())) {
                System.err.println("--user: '" + user + "' is not a user ID of " + parsed.serverName());
                return 2;
            }
            localpart = UserId.parse(user).localpart();
        }
        try (Database db = Databases.open(parsed.database().url(), 2, 1)) {
            AccountService accounts = new AccountService(new JdbcUserStore(db), new PasswordHasher(parsed.passwords().bcryptRounds()),
                    ServerName.parse(parsed.serverName()), Clock.systemUTC());
            UserId created = accounts.register(localpart, Optional.of(password), admin);
            System.out.println("Created " + (admin ? "admin " : "") + "user " + created);
            return 0;
        } catch (MatrixException e) {
            System.err.println("Cannot create the user: " + e.getMessage() + " (" + e.errCode().code() + ")");
            return 1;
        }
    }
}
