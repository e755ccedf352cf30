package dev.descent.core.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Opens the run store a user pointed at, and holds the liveness constants every writer and opener
 * shares: a running process heartbeats every {@link #HEARTBEAT_INTERVAL}; a {@code running} run silent
 * for {@link #STALE_AFTER} (six missed beats, room for a long GC pause or a slow epoch commit) is
 * marked {@code crashed} whenever any descent process opens the store.
 */
public final class RunStores {
  public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration STALE_AFTER = Duration.ofSeconds(60);
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
      store.markStaleRunsCrashed(clock.instant(), STALE_AFTER);
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
