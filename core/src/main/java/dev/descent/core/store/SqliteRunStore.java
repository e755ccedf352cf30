package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: {@code runs.db} in a store directory, with {@code artifacts/} beside it for
 * run outputs. WAL with {@code synchronous=NORMAL} survives a killed process (not a power cut mid-commit,
 * which can lose the last transactions but never corrupts); write transactions begin IMMEDIATE
 * ({@link Dialect}) and wait up to {@link #BUSY_TIMEOUT_MS} for another process's writer before
 * {@link Database} retries them whole.
 */
public final class SqliteRunStore extends JdbcRunStore {
  static final String DB_FILE = "runs.db";
  static final String ARTIFACTS = "artifacts";
  static final int BUSY_TIMEOUT_MS = 10_000;
  static final int WAL_CHECKPOINT_PAGES = 10_000;

  private final Path directory;

  private SqliteRunStore(Path directory, Connection connection) throws SQLException {
    super(connection, Dialect.SQLITE, directory.toString());
    this.directory = directory;
  }

  /** Opens the store in {@code directory}, creating the directory and the schema when missing. */
  public static SqliteRunStore open(Path directory) {
    try {
      Files.createDirectories(directory.resolve(ARTIFACTS));
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Run store " + directory + ": cannot create the store"
          + " directory (" + e + "). Give --store (or DESCENT_STORE) a directory you can write to.", e);
    }
    Connection connection = null;
    try {
      connection = connect(directory.resolve(DB_FILE));
      return new SqliteRunStore(directory, connection);
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new DescentException(ErrorCode.INTERNAL, "Run store " + directory + ": cannot open " + DB_FILE + ": "
          + e.getMessage() + ". Check that it is a descent store and not damaged (sqlite3 " + DB_FILE
          + " 'PRAGMA integrity_check').", e);
    } catch (RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  private static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(false);
    config.setGetGeneratedKeys(false); // else every batched insert also runs SELECT last_insert_rowid()
    Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      // checkpoint every ~40 MB of WAL, not 4 MB: pages rewritten by many small commits are copied once
      s.execute("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static void closeQuietly(Connection c, Exception cause) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** The store directory. */
  public Path directory() {
    return directory;
  }

  /** Where run outputs (best weights) go: {@code artifacts/} in the store directory. */
  public Path artifacts() {
    return directory.resolve(ARTIFACTS);
  }
}
