package dev.parley.testing;

import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Databases;
import dev.parley.store.jdbc.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL database on
 * 127.0.0.1:5432 created for the test and dropped after it. {@code PARLEY_TEST_POSTGRES}
 * overrides the server (a JDBC URL of a database the test user may connect to).
 */
public final class TestDatabases {
    private static final String ADMIN_URL = System.getenv().getOrDefault("PARLEY_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private TestDatabases() {
    }

    /** A JDBC URL for a new, empty database; {@link #drop} removes a PostgreSQL one. */
    public static String newDatabaseUrl(Dialect dialect) {
        if (dialect == Dialect.SQLITE) {
            try {
                Path dir = Files.createTempDirectory("parley-sqlite");
                return "jdbc:sqlite:" + dir.resolve("test.db");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "");
        adminExecute("CREATE DATABASE " + name);
        return ADMIN_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    public static void drop(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            return;
        }
        String name = jdbcUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Opens a migrated database that is dropped when closed. */
    public static Database open(Dialect dialect) {
        String url = newDatabaseUrl(dialect);
        Database db = Databases.open(url, 8, 4);
        return new DroppingDatabase(db, url);
    }

    private static void adminExecute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + " is needed for this test: " + e.getMessage(), e);
        }
    }

    /** Delegates to the real database and drops it on close. */
    private record DroppingDatabase(Database delegate, String url) implements Database {
        @Override
        public Dialect dialect() {
            return delegate.dialect();
        }

        @Override
        public <T> T read(dev.parley.store.jdbc.SqlWork<T> work) {
            return delegate.read(work);
        }

        @Override
        public <T> T write(dev.parley.store.jdbc.SqlWork<T> work) {
            return delegate.write(work);
        }

        @Override
        public boolean isHealthy() {
            return delegate.isHealthy();
        }

        @Override
        public void close() {
            delegate.close();
            drop(url);
        }
    }
}
