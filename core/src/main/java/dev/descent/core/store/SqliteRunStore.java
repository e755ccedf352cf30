package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: {@code runs.db} in a store directory, with {@code artifacts/} beside it for
 * run outputs. WAL with {@code synchronous=NORMAL} survives a killed process (not a power cut mid-commit,
 * which can lose the last transactions but never corrupts); write transactions begin IMMEDIATE
 * ({@link Dialect}) and wait up to {@link #BUSY_TIMEOUT_MS} for another process's writer before
 * {@link Database} retries them whole. A {@value StoreDirectory#MARKER} file marks the directory as a store,
 * so a lost {@code runs.db} is refused rather than replaced ({@link StoreDirectory}).
 */
public final class SqliteRunStore extends JdbcRunStore {
  static final String DB_FILE = "runs.db";
  static final String ARTIFACTS = "artifacts";
  static final int BUSY_TIMEOUT_MS = 10_000;
  static final int WAL_CHECKPOINT_PAGES = 10_000;

  private final Path directory;

  private SqliteRunStore(Path directory, Database.Connector connector) throws SQLException {
    super(connector, Dialect.SQLITE, directory.toString());
    this.directory = directory;
  }

  /** Opens the store in {@code directory}, creating the directory and the schema when missing. */
  public static SqliteRunStore open(Path directory) {
    return open(directory, OpenMode.CREATE_IF_NEW);
  }

  /**
   * Opens the store in {@code directory}; in {@link OpenMode#CREATE_IF_NEW} a directory with no store is
   * made one. A directory that shows a store was here but lost its database is refused in either mode
   * ({@link StoreDirectory}), having changed nothing.
   */
  public static SqliteRunStore open(Path directory, OpenMode mode) {
    StoreDirectory found = StoreDirectory.look(directory);
    found.refuseUnusable(mode);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Run store " + directory + ": cannot create the store"
          + " directory (" + e + "). Give --store (or DESCENT_STORE) a directory you can write to.", e);
    }
    Path file = directory.resolve(DB_FILE);
    Connection first = null;
    try {
      first = connect(file);
      List<String> tables = tables(first);
      if (!tables.contains("schema_version")) {
        found.refuseWithoutSchema(tables, mode);
      }
      AtomicReference<Connection> handOver = new AtomicReference<>(first);
      SqliteRunStore store = new SqliteRunStore(directory, () -> {
        Connection c = handOver.getAndSet(null);
        return c != null ? c : connect(file);
      });
      first = null; // the store owns it now
      store.prepareDirectory(found);
      return store;
    } catch (SQLException e) {
      closeQuietly(first, e);
      throw new DescentException(ErrorCode.INTERNAL, "Run store " + directory + ": cannot open " + DB_FILE + ": "
          + e.getMessage() + ". Check that it is a descent store and not damaged (sqlite3 " + DB_FILE
          + " 'PRAGMA integrity_check').", e);
    } catch (RuntimeException e) {
      closeQuietly(first, e);
      throw e;
    }
  }

  /** The artifacts folder and the marker, once the tables exist: a failed creation leaves no sign of a store. */
  private void prepareDirectory(StoreDirectory found) {
    try {
      Files.createDirectories(artifacts());
    } catch (IOException e) {
      close();
      throw StoreFailures.ofFile(directory.toString(), "creating " + ARTIFACTS + "/", e);
    }
    found.markIfMissing();
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static Connection connect(Path file) throws SQLException {
    if (Files.exists(file) && !Files.isWritable(file.getParent())) {
      return connectReadOnly(file);
    }
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

  /**
   * A store on a read-only mount (a backup, a shared read-only volume): SQLite cannot create the WAL's
   * shared-memory file there, so the database is opened read-only and immutable (nothing can change it
   * while the mount stays read-only). Writes fail as {@code SQLITE_READONLY}; once the mount is writable
   * again, the connection {@link Database} opens after a failed write is an ordinary one.
   */
  private static Connection connectReadOnly(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
    config.enforceForeignKeys(false);
    config.setGetGeneratedKeys(false);
    return config.createConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?immutable=1");
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
