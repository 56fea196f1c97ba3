package dev.hull.engine.db;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of work against the database, run inside a transaction by {@link Database}. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
