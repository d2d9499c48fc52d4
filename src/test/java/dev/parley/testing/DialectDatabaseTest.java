package dev.parley.testing;

import dev.parley.core.id.UserId;
import dev.parley.store.UserRow;
import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Dialect;
import dev.parley.store.jdbc.JdbcUserStore;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the store contract tests, which hold every store to the same behaviour on both
 * dialects: before each test a fresh, migrated SQLite file or throw-away PostgreSQL database
 * ({@link TestDatabases#open}), closed and dropped after it. It exists because each contract test
 * carried the same parameterisation and open/close methods; subclasses build their stores over
 * {@link #db} in their own {@code @BeforeEach}, which JUnit runs after this one.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
public abstract class DialectDatabaseTest {
    @Parameter
    protected Dialect dialect;

    protected Database db;

    @BeforeEach
    final void openDatabase() {
        db = TestDatabases.open(dialect);
    }

    @AfterEach
    final void closeDatabase() {
        db.close();
    }

    /** Local accounts (the rows only, created at time 1), which most tables reference. */
    protected void createUsers(UserId... users) {
        JdbcUserStore store = new JdbcUserStore(db);
        for (UserId user : users) {
            store.create(new UserRow(user, Optional.empty(), false, false, false, 1L));
        }
    }
}
