package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The shared store for a team or a cluster: the same tables on a PostgreSQL server, given as
 * {@code postgresql://host:port/db?user=..&password=..} (other pgjdbc parameters, such as
 * {@code currentSchema}, pass through). Batches are sent with {@code reWriteBatchedInserts=true},
 * which doubled insert throughput here. The password is never part of {@link #location()} or a message.
 */
public final class PostgresRunStore extends JdbcRunStore {
  static final String SCHEME = "postgresql://";
  private static final Pattern PASSWORD = Pattern.compile("([?&])password=[^&]*&?");

  private PostgresRunStore(Database.Connector connector, String location) throws SQLException {
    super(connector, Dialect.POSTGRES, location);
  }

  /** Connects to {@code url} ({@code postgresql://...}) and creates or migrates the schema. */
  public static PostgresRunStore open(String url) {
    return open(url, OpenMode.CREATE_IF_NEW);
  }

  /**
   * Connects to {@code url} ({@code postgresql://...}) and migrates the schema; creates it only in
   * {@link OpenMode#CREATE_IF_NEW}: a database without descent's tables is refused otherwise.
   */
  public static PostgresRunStore open(String url, OpenMode mode) {
    String location = redact(url);
    if (!url.startsWith(SCHEME) || authority(url).indexOf('@') >= 0) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Run store " + location + ": not a PostgreSQL address"
          + " descent understands. Use postgresql://host:port/database?user=NAME&password=SECRET.");
    }
    Connection first = null;
    try {
      first = DriverManager.getConnection(jdbcUrl(url));
      if (mode == OpenMode.EXISTING_ONLY) {
        refuseWithoutSchema(first, location);
      }
      AtomicReference<Connection> handOver = new AtomicReference<>(first);
      PostgresRunStore store = new PostgresRunStore(() -> {
        Connection c = handOver.getAndSet(null);
        return c != null ? c : DriverManager.getConnection(jdbcUrl(url));
      }, location);
      first = null; // the store owns it now
      return store;
    } catch (SQLException e) {
      closeQuietly(first, e);
      throw new DescentException(ErrorCode.INTERNAL, "Run store " + location + ": cannot connect or set up the"
          + " schema: " + redact(String.valueOf(e.getMessage())) + ". Check that the server runs, and the host,"
          + " port, database, user and password (postgresql://host:port/database?user=NAME&password=SECRET).", e);
    } catch (RuntimeException e) {
      closeQuietly(first, e);
      throw e;
    }
  }

  private static void refuseWithoutSchema(Connection c, String location) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL, current_schema()")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        throw new DescentException(ErrorCode.NOT_FOUND, "No run store at " + location + ": the database has no"
            + " descent tables (no schema_version in schema " + rs.getString(2) + "); nothing was created. 'descent"
            + " run FILE --store " + location + "' creates them; to read an existing store, check the database and"
            + " currentSchema in the address.");
      }
    }
  }

  private static String authority(String url) {
    String rest = url.substring(Math.min(url.length(), SCHEME.length()));
    int end = rest.indexOf('/');
    return end < 0 ? rest : rest.substring(0, end);
  }

  /** The JDBC URL for a {@code postgresql://} address, with batched inserts rewritten into multi-row ones. */
  static String jdbcUrl(String url) {
    return "jdbc:" + url + (url.indexOf('?') >= 0 ? "&" : "?") + "reWriteBatchedInserts=true";
  }

  /** The address without its password, for messages and {@link #location()}. */
  static String redact(String url) {
    String out = PASSWORD.matcher(url).replaceAll("$1");
    return out.endsWith("?") || out.endsWith("&") ? out.substring(0, out.length() - 1) : out;
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
}
