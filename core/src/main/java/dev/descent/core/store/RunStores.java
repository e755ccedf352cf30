package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the run store a user pointed at. Whenever any descent process opens a store, {@code running}
 * runs whose claim is dead (lease expired, or owner gone from this machine: {@link LeaseSettings},
 * {@link LeaseRule}) are marked {@code crashed}.
 */
public final class RunStores {
  /** The environment variable naming the store when {@code --store} is not given. */
  public static final String ENV = "DESCENT_STORE";
  /** The store used when neither {@code --store} nor {@link #ENV} is given, relative to the working directory. */
  public static final String DEFAULT_LOCATION = "descent-store";
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

  private RunStores() {}

  /** Opens {@code location}, creating the store when there is none: for tools and tests that make stores. */
  public static RunStore open(String location, Clock clock) {
    return open(location, clock, OpenMode.CREATE_IF_NEW);
  }

  /**
   * Opens {@code location}: {@code postgresql://host:port/db?user=..&password=..} for PostgreSQL, a
   * directory for SQLite; any other {@code scheme://} is refused. {@code mode} says whether a missing store
   * is created. Stale runs are marked crashed as of {@code clock}'s now before the store is returned.
   */
  public static RunStore open(String location, Clock clock, OpenMode mode) {
    refuseUnknownScheme(location);
    RunStore store = location.startsWith(PostgresRunStore.SCHEME)
        ? PostgresRunStore.open(location, mode)
        : SqliteRunStore.open(Path.of(location), mode);
    try {
      store.markOrphansCrashed(clock.instant());
      return store;
    } catch (DescentException e) {
      if (e.code() == ErrorCode.STORE_READ_ONLY) {
        return store; // a read-only store opens for reading; its stale runs are marked by the next writer
      }
      store.close();
      throw e;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** {@code mysql://x} is a typo or a wish, not a directory named {@code mysql:}: say what descent accepts. */
  static void refuseUnknownScheme(String location) {
    Matcher m = SCHEME.matcher(location);
    if (m.find() && !location.startsWith(PostgresRunStore.SCHEME)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--store: '" + PostgresRunStore.redact(location)
          + "' has the scheme '" + m.group() + "', which descent cannot open. A run store is either a directory"
          + " (SQLite, such as ./descent-store) or postgresql://host:port/database?user=NAME&password=SECRET.");
    }
  }

  /** The store to use: the {@code --store} flag if given, else {@code DESCENT_STORE}, else {@code ./descent-store}. */
  public static String resolveLocation(String flag) {
    return resolveLocation(flag, System.getenv());
  }

  static String resolveLocation(String flag, Map<String, String> env) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String fromEnv = env.get(ENV);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_LOCATION;
  }
}
