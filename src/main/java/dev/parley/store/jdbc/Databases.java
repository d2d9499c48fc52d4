package dev.parley.store.jdbc;

/** Opens the database a JDBC URL names, migrating its schema first. */
public final class Databases {
    private Databases() {
    }

    /**
     * @param jdbcUrl {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}
     * @param maxConnections PostgreSQL pool size
     * @param sqliteReadConnections SQLite read-only connections beside the writer
     */
    public static Database open(String jdbcUrl, int maxConnections, int sqliteReadConnections) {
        return jdbcUrl.startsWith("jdbc:sqlite:")
                ? SqliteDatabase.open(jdbcUrl, sqliteReadConnections)
                : PostgresDatabase.open(jdbcUrl, maxConnections);
    }
}
