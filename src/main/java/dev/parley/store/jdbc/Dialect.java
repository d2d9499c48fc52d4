package dev.parley.store.jdbc;

import java.sql.SQLException;

/**
 * The few real differences between SQLite and PostgreSQL. SQL is otherwise written once: both
 * accept {@code INSERT ... ON CONFLICT}, {@code RETURNING}, and the shared column types.
 */
public enum Dialect {
    SQLITE("sqlite") {
        @Override
        public boolean isUniqueViolation(SQLException e) {
            // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067), both
            // extended codes of SQLITE_CONSTRAINT (19).
            int code = e.getErrorCode();
            return code == 19 || code == 1555 || code == 2067
                    || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"));
        }

        @Override
        public String forUpdate() {
            // SQLite serialises writers on the database, so rows need no locking.
            return "";
        }
    },
    POSTGRES("postgres") {
        @Override
        public boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        public String forUpdate() {
            return " FOR UPDATE";
        }
    };

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public abstract boolean isUniqueViolation(SQLException e);

    /** Row-lock suffix for a SELECT inside a write transaction. */
    public abstract String forUpdate();

    /** Flyway locations: the shared migrations plus this database's own. */
    public String[] migrationLocations() {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + migrationFolder};
    }
}
