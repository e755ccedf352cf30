package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JDBC connection shared by all threads, each unit of work run under a lock in one transaction.
 * SQLite admits one writer at a time anyway, so a pool would only turn waiting on a Java lock into
 * {@code SQLITE_BUSY} waits; on PostgreSQL the change-counter row lock serialises writers too.
 * A unit of work that fails on lock contention (another process) is rolled back and run again whole:
 * a failed {@code executeBatch} has already cleared its batch, so retrying a single statement would
 * silently lose points.
 */
final class Database implements AutoCloseable {
  static final int ATTEMPTS = 8;

  /** A unit of work: everything it does commits together or not at all. */
  @FunctionalInterface
  interface Work<T> {
    T run(Database db) throws SQLException;
  }

  private final Connection connection;
  private final Dialect dialect;
  private final String location;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  Database(Connection connection, Dialect dialect, String location) throws SQLException {
    this.connection = connection;
    this.dialect = dialect;
    this.location = location;
    connection.setAutoCommit(dialect.begin(true) != null);
  }

  Dialect dialect() {
    return dialect;
  }

  Connection connection() {
    return connection;
  }

  /** A prepared statement kept for the life of the connection: preparing costs more than most inserts. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Runs {@code work} in one write transaction, again from the start on lock contention; {@code what} names it in errors. */
  <T> T transaction(String what, Work<T> work) {
    return run(what, true, work);
  }

  /** Runs read-only {@code work} in one transaction: a consistent snapshot that never blocks writers. */
  <T> T read(String what, Work<T> work) {
    return run(what, false, work);
  }

  private <T> T run(String what, boolean write, Work<T> work) {
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          execute(dialect.begin(write));
          T result = work.run(this);
          commit();
          return result;
        } catch (SQLException e) {
          rollbackQuietly(e);
          if (!dialect.isRetryable(e) || attempt == ATTEMPTS) {
            throw failure(what, e, attempt);
          }
          backOff(attempt);
        } catch (RuntimeException | Error e) {
          rollbackQuietly(e);
          throw e;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private DescentException failure(String what, SQLException e, int attempts) {
    String busy = dialect.isRetryable(e)
        ? " Another process held the store for too long (" + attempts + " attempts); retry when it is less busy."
        : " Check that the store is reachable and writable; the cause is below.";
    return new DescentException(ErrorCode.INTERNAL,
        "Run store " + location + ": " + what + " failed: " + e.getMessage() + "." + busy, e);
  }

  private void execute(String sql) throws SQLException {
    if (sql != null) {
      prepare(sql).execute();
    }
  }

  private void commit() throws SQLException {
    if (connection.getAutoCommit()) {
      execute("COMMIT");
    } else {
      connection.commit();
    }
  }

  private void rollbackQuietly(Throwable cause) {
    try {
      if (connection.getAutoCommit()) {
        execute("ROLLBACK");
      } else {
        connection.rollback();
      }
    } catch (SQLException r) {
      if (dialect.begin(true) == null) {
        cause.addSuppressed(r);
      } // else SQLite's BEGIN itself failed: no transaction is open and there is nothing to undo
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(1000, 10L << attempt));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new DescentException(ErrorCode.INTERNAL, "interrupted while waiting for the run store", ie);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      connection.close();
    } catch (SQLException e) {
      throw new DescentException(ErrorCode.INTERNAL, "Run store " + location + ": closing failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
