package dev.hull.engine.db;

import java.util.List;

/** One numbered step of the schema: the statements that take version-1 to version. */
record Migration(int version, String description, List<String> statements) {

    Migration {
        statements = List.copyOf(statements);
    }
}
