package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shared store for a team or a cluster: the same tables on a PostgreSQL server, given as
 * {@code postgresql://host:port/db?user=..&password=..} (other pgjdbc parameters, such as
 * {@code currentSchema}, pass through). Batches are sent with {@code reWriteBatchedInserts=true},
 * which doubled insert throughput here. The password is never part of {@link #location()} or a message.
 *
 * <p>Connections come from a HikariCP pool of one (the store uses one connection at a time, see
 * {@link Database}): it checks a connection before handing it out, opens a new one after a server restart,
 * and evicts the ones a failed unit of work gave up. A lost server is waited for up to
 * {@value #OUTAGE_ENV} seconds (default {@value #DEFAULT_OUTAGE_SECONDS}).
 */
public final class PostgresRunStore extends JdbcRunStore {
  static final String SCHEME = "postgresql://";
  /** The environment variable with how many seconds a unit of work waits for a lost server. */
  public static final String OUTAGE_ENV = "DESCENT_STORE_OUTAGE_SECONDS";
  static final long DEFAULT_OUTAGE_SECONDS = 180;
  private static final Pattern PASSWORD = Pattern.compile("([?&])password=[^&]*&?");

  private PostgresRunStore(Database.Connector connector, String location, Duration outageLimit) throws SQLException {
    super(connector, Dialect.POSTGRES, location, outageLimit);
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
    Duration outageLimit = outageLimit(System.getenv());
    HikariDataSource pool = null;
    try {
      pool = pool(url, location);
      if (mode == OpenMode.EXISTING_ONLY) {
        try (Connection c = pool.getConnection()) {
          refuseWithoutSchema(c, location);
        }
      }
      HikariDataSource ds = pool;
      PostgresRunStore store = new PostgresRunStore(new Database.Connector() {
        @Override
        public Connection connect() throws SQLException {
          return ds.getConnection();
        }

        @Override
        public void discard(Connection c) {
          ds.evictConnection(c);
        }

        @Override
        public void shutdown() {
          ds.close();
        }
      }, location, outageLimit);
      pool = null; // the store owns it now
      return store;
    } catch (SQLException e) {
      closeQuietly(pool);
      throw new DescentException(ErrorCode.INTERNAL, "Run store " + location + ": cannot connect or set up the"
          + " schema: " + redact(String.valueOf(e.getMessage())) + ". Check that the server runs, and the host,"
          + " port, database, user and password (postgresql://host:port/database?user=NAME&password=SECRET).", e);
    } catch (RuntimeException e) {
      closeQuietly(pool);
      throw e;
    }
  }

  /**
   * A pool of one connection. Opening it connects once (a wrong address or password fails here, with the
   * driver's message); later, a connection that cannot be had within a second fails the attempt with
   * a {@link java.sql.SQLTransientConnectionException}, which {@link Database} waits out as an outage.
   */
  private static HikariDataSource pool(String url, String location) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl(url));
    config.setPoolName("descent-store " + location);
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(1000);
    config.setValidationTimeout(500);
    config.setInitializationFailTimeout(1);
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    }
  }

  /** How long to wait for a lost server: {@value #OUTAGE_ENV} seconds, or {@value #DEFAULT_OUTAGE_SECONDS}. */
  static Duration outageLimit(Map<String, String> env) {
    String value = env.get(OUTAGE_ENV);
    if (value == null || value.isBlank()) {
      return Duration.ofSeconds(DEFAULT_OUTAGE_SECONDS);
    }
    try {
      long seconds = Long.parseLong(value.strip());
      if (seconds >= 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new DescentException(ErrorCode.INVALID_INPUT, OUTAGE_ENV + "='" + value + "': expected a whole number of"
        + " seconds (0 or more), how long store work waits for a lost PostgreSQL server; default "
        + DEFAULT_OUTAGE_SECONDS + ".");
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

  private static void closeQuietly(HikariDataSource pool) {
    if (pool != null) {
      pool.close();
    }
  }
}
