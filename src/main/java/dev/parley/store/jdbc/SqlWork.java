package dev.parley.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work on one connection; a write unit runs inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
