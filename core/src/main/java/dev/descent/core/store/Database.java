package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDBC connection shared by all threads, each unit of work run under a lock in one transaction.
 * SQLite admits one writer at a time anyway, so a pool would only turn waiting on a Java lock into
 * {@code SQLITE_BUSY} waits. On PostgreSQL a process's threads share one connection too; processes (the
 * workers of a sweep) each have theirs, and their claims, epochs and ends lock only the run's row.
 * A unit of work that fails on lock contention (another process) is rolled back and run again whole:
 * a failed {@code executeBatch} has already cleared its batch, so retrying a single statement would
 * silently lose points.
 *
 * <p>Any failed unit of work leaves the connection as usable as before it began: the transaction is
 * rolled back, the cached statements are dropped (a statement that failed mid-step, on {@code SQLITE_FULL}
 * say, refuses to run again: "statement is not executing"), and when even the rollback fails the
 * connection is replaced. So one full disk or read-only mount fails the writes that meet it, with
 * {@link StoreFailures}' message, while reads go on, and writes work again once space is freed.
 *
 * <p>A lost server (a PostgreSQL restart or failover: {@link Dialect#isConnectionLoss}) is waited for rather
 * than failed: the unit of work is rolled back, and run again whole on a new connection, with backoff from
 * 100 ms doubling to 5 s, for up to the outage limit; only then does it fail with
 * {@link dev.descent.core.ErrorCode#STORE_UNAVAILABLE} naming the cause. Every thread's work waits behind the
 * same lock, so an outage is logged once when it begins and once when it ends, not once per attempt.
 */
final class Database implements AutoCloseable {
  static final int ATTEMPTS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final long FIRST_WAIT_MS = 100;
  private static final long LONGEST_WAIT_MS = 5000;

  /** A unit of work: everything it does commits together or not at all. */
  @FunctionalInterface
  interface Work<T> {
    T run(Database db) throws SQLException;
  }

  /** Opens a new connection to the store, the first one and any replacement. */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;

    /** Gives up a connection whose state is in doubt, so that it is never handed out again. */
    default void discard(Connection c) throws SQLException {
      c.close();
    }

    /** Releases whatever the connector holds (a pool) once the store is closed. */
    default void shutdown() {}
  }

  private final Connector connector;
  private final Dialect dialect;
  private final String location;
  private final Duration outageLimit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private Connection connection; // null after a replacement failed: the next unit of work tries again
  private long outageStart = -1; // System.nanoTime() when the server was lost; -1 while it is reachable
  private boolean rerunAfterLoss; // of the unit of work running now, under the lock

  Database(Connector connector, Dialect dialect, String location) {
    this(connector, dialect, location, Duration.ZERO);
  }

  /** {@code outageLimit}: how long a unit of work waits for a lost server to come back before it fails. */
  Database(Connector connector, Dialect dialect, String location, Duration outageLimit) {
    this.connector = connector;
    this.dialect = dialect;
    this.location = location;
    this.outageLimit = outageLimit;
    // opened by the first unit of work, so a server too busy to accept it at once is waited for like an outage
    // (9 processes starting on 2 cores took more than the pool's 1 s to connect); a wrong address or password
    // has already failed where the pool was opened
    this.connection = null;
  }

  private Connection connect() throws SQLException {
    Connection c = connector.connect();
    try {
      c.setAutoCommit(true); // transactions are begun explicitly (Dialect#begin)
      return c;
    } catch (SQLException e) {
      closeQuietly(c, e);
      throw e;
    }
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

  /**
   * Whether the unit of work running now is being run again after its connection was lost: only then may
   * an earlier attempt's COMMIT have reached the server unheard, and may the work find its own write done.
   * Asked at any other time, a row that looks like this work's own is another claimer's that got there first.
   */
  boolean rerunAfterLoss() {
    return rerunAfterLoss;
  }

  /** Runs {@code work} in one write transaction, again from the start on lock contention; {@code what} names it in errors. */
  <T> T transaction(String what, Work<T> work) {
    return run(what, true, work);
  }

  /**
   * Runs read-only {@code work}, which never blocks writers: in one transaction, so one snapshot, on SQLite; on
   * PostgreSQL without one, each statement reading its own snapshot as it would in a READ COMMITTED transaction.
   */
  <T> T read(String what, Work<T> work) {
    return run(what, false, work);
  }

  private <T> T run(String what, boolean write, Work<T> work) {
    lock.lock();
    rerunAfterLoss = false;
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          if (connection == null) {
            connection = connect();
          } else if (write && connection.isReadOnly()) {
            reconnect(); // opened on a read-only mount: see whether it is writable now
          }
          String begin = dialect.begin(write);
          execute(begin);
          T result = work.run(this);
          if (begin != null) {
            execute("COMMIT");
          }
          reachable();
          return result;
        } catch (SQLException e) {
          boolean lost = dialect.isConnectionLoss(e);
          if (lost) {
            outageBegins(e); // before recover(), whose new connection may itself wait for the server
          }
          recover(e, true);
          if (lost) {
            waitForServer(what, e);
            rerunAfterLoss = true;
            attempt = 0; // contention counts again from the start once the server is back
            continue;
          }
          if (!dialect.isRetryable(e) || attempt == ATTEMPTS) {
            throw StoreFailures.of(location, what, e, dialect, attempt);
          }
          backOff(attempt);
        } catch (RuntimeException | Error e) {
          recover(e, !(e instanceof DescentException)); // descent's own refusals leave their statements complete
          throw e;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Notes when the server was lost, and says so once per outage. */
  private void outageBegins(SQLException e) {
    if (outageStart < 0) {
      outageStart = System.nanoTime();
      LOG.warn("Run store {}: lost the database ({}); waiting up to {} s for it to come back", location,
          StoreFailures.cause(e), outageLimit.toSeconds());
    }
  }

  /**
   * One wait of an outage, as long as the server has been down so far (from 100 ms up to 5 s); past the
   * outage limit the unit of work fails with the cause.
   */
  private void waitForServer(String what, SQLException e) {
    long now = System.nanoTime();
    Duration down = Duration.ofNanos(now - outageStart);
    if (down.compareTo(outageLimit) >= 0) {
      outageStart = -1; // the next unit of work starts a new wait, and says so
      throw StoreFailures.outage(location, what, e, down);
    }
    long waited = Math.max(0, down.toMillis());
    long wait = Math.min(LONGEST_WAIT_MS, Math.max(FIRST_WAIT_MS, waited));
    sleep(Math.min(wait, Math.max(1, outageLimit.minus(down).toMillis())));
  }

  private void reachable() {
    if (outageStart >= 0) {
      LOG.info("Run store {}: the database is back after {} s; carrying on", location,
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - outageStart) / 1e9));
      outageStart = -1;
    }
  }

  private void execute(String sql) throws SQLException {
    if (sql != null) {
      prepare(sql).execute();
    }
  }

  /**
   * Leaves no transaction open and no statement half-run: drops the cached statements, rolls back
   * (through a fresh statement, since the cached ROLLBACK may be the one that broke), and replaces the
   * connection when the rollback fails for any reason but "nothing to roll back".
   */
  private void recover(Throwable cause, boolean dropStatements) {
    if (connection == null) {
      return;
    }
    if (dropStatements) {
      dropStatements(cause);
    }
    try {
      if (connection.getAutoCommit()) {
        try (Statement s = connection.createStatement()) {
          s.execute("ROLLBACK");
        }
      } else {
        connection.rollback();
      }
    } catch (SQLException r) {
      if (!dialect.noTransaction(r)) {
        cause.addSuppressed(r);
        replace(cause);
      }
    }
  }

  /** Closes every cached statement; {@code cause}, when given, keeps any error closing them. */
  private void dropStatements(Throwable cause) {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        if (cause != null) {
          cause.addSuppressed(e);
        }
      }
    }
    statements.clear();
  }

  /** Closes a connection whose state is in doubt and opens a new one, or leaves none for the next unit to open. */
  private void replace(Throwable cause) {
    try {
      connector.discard(connection);
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
    connection = null;
    try {
      connection = connect();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void reconnect() throws SQLException {
    dropStatements(null);
    Connection old = connection;
    connection = null;
    try {
      old.close();
    } finally {
      connection = connect();
    }
  }

  private static void closeQuietly(Connection c, Throwable cause) {
    try {
      c.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void backOff(int attempt) {
    sleep(Math.min(1000, 10L << attempt));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
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
      statements.clear();
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      throw new DescentException(ErrorCode.INTERNAL, "Run store " + location + ": closing failed: " + e.getMessage(), e);
    } finally {
      connector.shutdown();
      lock.unlock();
    }
  }
}
