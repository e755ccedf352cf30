package dev.descent.core.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

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

  private RunStores() {}

  /**
   * Opens {@code location}: {@code postgresql://host:port/db?user=..&password=..} for PostgreSQL,
   * anything else is a directory for SQLite (created if missing). Stale runs are marked crashed
   * as of {@code clock}'s now before the store is returned.
   */
  public static RunStore open(String location, Clock clock) {
    RunStore store = location.startsWith(PostgresRunStore.SCHEME)
        ? PostgresRunStore.open(location)
        : SqliteRunStore.open(Path.of(location));
    try {
      store.markOrphansCrashed(clock.instant());
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
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
