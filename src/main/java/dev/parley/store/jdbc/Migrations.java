package dev.parley.store.jdbc;

import dev.parley.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the schema up to date with Flyway at start-up. Migrations live in
 * {@code db/migration/common} (shared SQL) and {@code db/migration/sqlite|postgres} where DDL
 * must differ; version numbers are unique across the three folders.
 */
final class Migrations {
    private Migrations() {
    }

    static void run(DataSource dataSource, Dialect dialect) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(dialect.migrationLocations())
                    .failOnMissingLocations(false)
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
    }
}
