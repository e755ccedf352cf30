package dev.descent.core.tracking;

import dev.descent.core.search.RunIndex;
import dev.descent.core.search.RunSearch;
import dev.descent.core.store.OpenMode;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.store.StoreFailures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * A run store with its search index, opened together the same way by every command and the web
 * server. The index of a SQLite store lives in its directory ({@code index/}); a PostgreSQL store's
 * index lives where {@code --index} says, by default under {@code ~/.descent/index/}. Opening
 * catches the index up with whatever other processes wrote since.
 */
public final class Workspace implements AutoCloseable {
  private final String location;
  private final RunStore store;
  private final RunIndex index;
  private final RunSearch search;
  private final Artifacts artifacts;

  /** Where kept weights go when neither {@code --artifacts} nor this is given: see {@link #artifactsDirectory}. */
  public static final String ARTIFACTS_ENV = "DESCENT_ARTIFACTS";

  private Workspace(String location, RunStore store, RunIndex index, boolean caughtUp, String artifactsFlag) {
    this.location = location;
    this.artifacts = new Artifacts(artifactsDirectory(location, artifactsFlag, System.getenv(ARTIFACTS_ENV)));
    this.store = store;
    this.index = index;
    // an index that could not catch up (a full or read-only disk) is searched as it is rather than failing every read
    this.search = caughtUp ? new RunSearch(index, store) : new RunSearch(index, store).asIs();
  }

  /**
   * Opens the store named by {@code storeFlag} (else {@code DESCENT_STORE}, else {@code ./descent-store})
   * and its index ({@code indexFlag} when given), creating the store when there is none.
   */
  public static Workspace open(String storeFlag, String indexFlag, Clock clock) {
    return open(storeFlag, indexFlag, clock, OpenMode.CREATE_IF_NEW);
  }

  /**
   * Opens the store named by {@code storeFlag} (else {@code DESCENT_STORE}, else {@code ./descent-store})
   * and its index ({@code indexFlag} when given); {@code mode} says whether a missing store is created.
   * The store is opened, and refused if it is lost, before the index: an index never catches up with a
   * store that came back empty.
   */
  public static Workspace open(String storeFlag, String indexFlag, Clock clock, OpenMode mode) {
    return open(storeFlag, indexFlag, clock, mode, null);
  }

  /** As {@link #open(String, String, Clock, OpenMode)}, keeping weights in {@code artifactsFlag} when given. */
  public static Workspace open(String storeFlag, String indexFlag, Clock clock, OpenMode mode, String artifactsFlag) {
    String location = RunStores.resolveLocation(storeFlag);
    RunStore store = RunStores.open(location, clock, mode);
    try {
      Path dir = indexDirectory(location, indexFlag);
      try {
        return new Workspace(location, store, RunIndex.open(dir, store), true, artifactsFlag);
      } catch (RuntimeException e) {
        if (!StoreFailures.isUnwritableDisk(e)) {
          throw e;
        }
        return new Workspace(location, store, openAsIs(dir, e), false, artifactsFlag);
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * On a full or read-only disk the index's catch-up cannot be written: it is opened as it is instead, so reads
   * go on, missing only what changed since its last catch-up.
   */
  private static RunIndex openAsIs(Path dir, RuntimeException cause) {
    try {
      return RunIndex.open(dir);
    } catch (RuntimeException again) {
      cause.addSuppressed(again);
      throw cause;
    }
  }

  /**
   * Where runs' kept weights live: {@code artifactsFlag} ({@code --artifacts DIR}), else {@code env}
   * ({@code DESCENT_ARTIFACTS}), else {@code artifacts/} in a SQLite store's directory, else (PostgreSQL)
   * {@code ~/.descent/artifacts/...} of this host. Workers on several hosts of one PostgreSQL store give
   * them all one shared directory, so the dashboard serves the weights whichever host trained the run.
   */
  static Path artifactsDirectory(String location, String artifactsFlag, String env) {
    if (artifactsFlag != null && !artifactsFlag.isBlank()) {
      return Path.of(artifactsFlag);
    }
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return location.startsWith("postgresql://")
        ? indexDirectory(location, null).getParent().getParent().resolve("artifacts")
            .resolve(indexDirectory(location, null).getFileName())
        : Path.of(location, "artifacts");
  }

  static Path indexDirectory(String location, String indexFlag) {
    if (indexFlag != null && !indexFlag.isBlank()) {
      return Path.of(indexFlag);
    }
    if (location.startsWith("postgresql://")) {
      return Path.of(System.getProperty("user.home"), ".descent", "index", sha256(location).substring(0, 16));
    }
    return Path.of(location, "index");
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public RunStore store() {
    return store;
  }

  public RunIndex index() {
    return index;
  }

  /** Where runs' weights live ({@link #artifactsDirectory}). */
  public Artifacts artifacts() {
    return artifacts;
  }

  public RunSearch search() {
    return search;
  }

  /** Brings the index up to date with the store and makes the changes searchable. */
  public void sync() {
    index.catchUp(store);
  }

  public String location() {
    return store.location();
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      store.close();
    }
  }
}
