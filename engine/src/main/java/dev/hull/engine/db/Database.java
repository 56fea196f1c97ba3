package dev.hull.engine.db;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection and the transactions run on it.
 *
 * <p>Threads of one process share the connection one at a time (a lock); processes
 * share the file through SQLite's own locking. Every change runs in a
 * {@code BEGIN IMMEDIATE} transaction: it takes the write lock at the start, waiting
 * through {@code busy_timeout} if another process holds it. A deferred transaction
 * would read first and ask for the write lock later, and SQLite cannot wait in that
 * case (another writer may have changed what was read), so it fails at once with
 * SQLITE_BUSY whatever the timeout. Reads run in deferred transactions so that a row
 * and its labels come from one snapshot.
 *
 * <p>Transactions are begun and ended with plain SQL, not the JDBC auto-commit switch:
 * the driver begins the next transaction right after each commit, which with IMMEDIATE
 * would hold the write lock between calls.
 */
final class Database implements AutoCloseable {

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    /** Nesting depth of the transaction held by the lock's owner; 0 outside one. */
    private int depth;
    private boolean writing;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static Database open(Path file, Duration busyTimeout) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new MetadataException("cannot create the directory of the metadata database " + file + ": "
                    + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        Connection c;
        try {
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new MetadataException("cannot open the metadata database " + file + ": " + e.getMessage(), e);
        }
        Database db = new Database(file, c);
        try (Statement s = c.createStatement()) {
            // busy_timeout first: the pragmas after it may have to wait for other processes
            s.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
            // WAL: readers never block the writer nor it them, so `hull ps` keeps working
            // while a `hull run` holds the write lock; the mode is stored in the file
            try (ResultSet r = s.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!r.next() || !"wal".equalsIgnoreCase(r.getString(1))) {
                    throw new MetadataException("the metadata database " + file
                            + " cannot use write-ahead logging (is it on a network filesystem?)");
                }
            }
            // FULL: a commit is on disk before the command goes on to act on it, so after a
            // power loss the rows never lag behind the containers and mounts made for them
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
        } catch (SQLException e) {
            db.close();
            throw db.failure("open", e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} in a write transaction (or inside the caller's, if it holds one). */
    <T> T write(SqlWork<T> work) {
        return inTransaction(true, work);
    }

    /** Runs {@code work} in a read transaction (or inside the caller's, if it holds one). */
    <T> T read(SqlWork<T> work) {
        return inTransaction(false, work);
    }

    private <T> T inTransaction(boolean write, SqlWork<T> work) {
        lock.lock();
        try {
            if (depth > 0) {
                if (write && !writing) {
                    // upgrading a read snapshot to a write is what fails with SQLITE_BUSY
                    throw new IllegalStateException("a write cannot run inside a read transaction");
                }
                depth++;
                try {
                    return work.run(connection);
                } catch (SQLException e) {
                    throw failure(write ? "write" : "read", e);
                } finally {
                    depth--;
                }
            }
            return outermost(write, work);
        } finally {
            lock.unlock();
        }
    }

    private <T> T outermost(boolean write, SqlWork<T> work) {
        try {
            exec(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
        } catch (SQLException e) {
            throw failure("begin a transaction", e);
        }
        depth = 1;
        writing = write;
        boolean done = false;
        try {
            T result = work.run(connection);
            exec("COMMIT");
            done = true;
            return result;
        } catch (SQLException e) {
            throw failure(write ? "write" : "read", e);
        } finally {
            depth = 0;
            writing = false;
            if (!done) {
                rollbackQuietly();
            }
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            exec("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite ends the transaction by itself after some errors (SQLITE_FULL,
            // SQLITE_IOERR); the ROLLBACK then finds none active, which is harmless
        }
    }

    MetadataException failure(String what, SQLException e) {
        if (e instanceof SQLiteException se && isBusy(se.getResultCode())) {
            return new MetadataException("the metadata database " + file + " stayed locked by another hull "
                    + "process for longer than the busy timeout; retry, or look for a stuck hull process", e);
        }
        return new MetadataException("metadata database " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    private static boolean isBusy(SQLiteErrorCode code) {
        return code != null && (code == SQLiteErrorCode.SQLITE_BUSY || code.name().startsWith("SQLITE_BUSY_")
                || code == SQLiteErrorCode.SQLITE_LOCKED);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing only releases handles; SQLite has already committed or rolled back
        } finally {
            lock.unlock();
        }
    }
}
