package dev.descent.core.store;

import dev.descent.core.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Every difference between SQLite and PostgreSQL the store has to know about, in one place. The rest
 * of the SQL is written once: both accept {@code BIGINT}, {@code DOUBLE PRECISION}, {@code TEXT},
 * {@code ON CONFLICT ... DO UPDATE} and {@code LIMIT/OFFSET}, and times are stored as epoch milliseconds.
 */
enum Dialect {
  SQLITE {
    @Override
    String begin(boolean write) {
      return write ? "BEGIN IMMEDIATE" : "BEGIN";
    }

    @Override
    String withoutRowId() {
      return " WITHOUT ROWID";
    }

    @Override
    String lockSchema() {
      return null; // write transactions begin IMMEDIATE: the write lock is already held
    }

    @Override
    boolean isRetryable(SQLException e) {
      int primary = e.getErrorCode() & 0xff;
      String message = String.valueOf(e.getMessage());
      return primary == 5 || primary == 6 || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
    }

    @Override
    ErrorCode failure(SQLException e) {
      int primary = e.getErrorCode() & 0xff;
      String message = String.valueOf(e.getMessage());
      if (primary == 13 || message.contains("SQLITE_FULL")) {
        return ErrorCode.STORE_FULL;
      }
      return primary == 8 || message.contains("SQLITE_READONLY") ? ErrorCode.STORE_READ_ONLY : ErrorCode.STORE_UNAVAILABLE;
    }

    @Override
    boolean noTransaction(SQLException e) {
      // SQLite rolls a transaction back by itself on SQLITE_FULL, SQLITE_IOERR and a failed BEGIN
      return String.valueOf(e.getMessage()).contains("no transaction is active");
    }

    @Override
    boolean isConnectionLoss(SQLException e) {
      return false; // a file on this machine: there is no server to lose
    }

    @Override
    boolean numbersChangesLater() {
      return false; // one writer at a time anyway
    }

    @Override
    String lockRows() {
      return ""; // write transactions begin IMMEDIATE: nobody else writes
    }

    @Override
    String token() {
      return "?";
    }
  },
  POSTGRES {
    /**
     * Reads run outside a transaction: under READ COMMITTED each statement reads its own snapshot even inside
     * one, so a read transaction gave no more consistency and cost a round trip for its COMMIT.
     */
    @Override
    String begin(boolean write) {
      return write ? "BEGIN" : null;
    }

    @Override
    String withoutRowId() {
      return "";
    }

    @Override
    String lockSchema() {
      return "LOCK TABLE schema_version IN EXCLUSIVE MODE";
    }

    @Override
    boolean isRetryable(SQLException e) {
      String state = String.valueOf(e.getSQLState());
      // serialization failure, deadlock, and a concurrent CREATE TABLE IF NOT EXISTS racing ours
      return state.equals("40001") || state.equals("40P01") || state.equals("23505");
    }

    @Override
    ErrorCode failure(SQLException e) {
      String state = String.valueOf(e.getSQLState());
      if (state.equals("53100")) { // disk_full
        return ErrorCode.STORE_FULL;
      }
      return state.equals("25006") ? ErrorCode.STORE_READ_ONLY : ErrorCode.STORE_UNAVAILABLE; // read_only_sql_transaction
    }

    @Override
    boolean noTransaction(SQLException e) {
      return false; // ROLLBACK outside a transaction is only a warning
    }

    @Override
    boolean isConnectionLoss(SQLException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
          return true; // the pool timed out opening one, or the driver could not connect
        }
        if (t instanceof SQLException s) {
          String state = String.valueOf(s.getSQLState());
          // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now (starting up)
          if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    boolean numbersChangesLater() {
      return true;
    }

    @Override
    String lockRows() {
      return " FOR UPDATE";
    }

    @Override
    String token() {
      return "COALESCE(?, nextval('lease_tokens'))"; // PostgreSQL evaluates nextval only when ? is null
    }
  };

  /**
   * The statement that starts a transaction, or null when each statement may commit by itself. The
   * connection stays in autocommit mode and transactions are begun explicitly: sqlite-jdbc in
   * {@code autoCommit=false} mode begins the next transaction right after each commit, so an idle store
   * would hold SQLite's write lock and block every other process. SQLite begins writes IMMEDIATE (take the
   * write lock first rather than fail to upgrade a read lock later) and reads deferred (WAL readers never
   * wait for a writer; the reads of one unit of work see one snapshot).
   */
  abstract String begin(boolean write);

  /** Table option for the metrics table: SQLite stores it clustered on its primary key, halving its size. */
  abstract String withoutRowId();

  /** Statement that serialises concurrent schema migrations, or null when the transaction already does. */
  abstract String lockSchema();

  /** Whether a failed unit of work may simply be run again: lock contention rather than a real error. */
  abstract boolean isRetryable(SQLException e);

  /** What kind of store failure {@code e} is: a full disk, a read-only store, or anything else. */
  abstract ErrorCode failure(SQLException e);

  /**
   * Whether {@code e} says the server is gone or not accepting connections (a restart, a failover, a
   * network cut), rather than that the work was wrong: the work is waited and run again on a new connection.
   */
  abstract boolean isConnectionLoss(SQLException e);

  /**
   * Whether claims, epochs and ends leave their change pending for {@link ChangeNumbers} to number later
   * rather than queue behind the change counter's lock: true where writers run concurrently.
   */
  abstract boolean numbersChangesLater();

  /** The clause that locks the rows a SELECT reads until commit, or "" where the transaction already excludes writers. */
  abstract String lockRows();

  /**
   * The SQL expression for a new fencing token, with one parameter: the token to use, or null to take the
   * next value of a sequence, which holds no lock to commit (PostgreSQL). SQLite always binds the claim's
   * change number.
   */
  abstract String token();

  /** Whether a failed ROLLBACK only says there was nothing to roll back, so the connection is fine. */
  abstract boolean noTransaction(SQLException e);
}
