package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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

  private PostgresRunStore(Connection connection, String location) throws SQLException {
    super(connection, Dialect.POSTGRES, location);
  }

  /** Connects to {@code url} ({@code postgresql://...}) and creates or migrates the schema. */
  public static PostgresRunStore open(String url) {
    String location = redact(url);
    if (!url.startsWith(SCHEME) || authority(url).indexOf('@') >= 0) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Run store " + location + ": not a PostgreSQL address"
          + " descent understands. Use postgresql://host:port/database?user=NAME&password=SECRET.");
    }
    Connection connection = null;
    try {
      connection = DriverManager.getConnection(jdbcUrl(url));
      return new PostgresRunStore(connection, location);
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new DescentException(ErrorCode.INTERNAL, "Run store " + location + ": cannot connect or set up the"
          + " schema: " + redact(String.valueOf(e.getMessage())) + ". Check that the server runs, and the host,"
          + " port, database, user and password (postgresql://host:port/database?user=NAME&password=SECRET).", e);
    } catch (RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
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
