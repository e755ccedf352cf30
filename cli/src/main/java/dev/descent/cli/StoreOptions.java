package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.OpenMode;
import dev.descent.core.tracking.Workspace;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * The options every command that reads or writes runs shares, and the one way commands open the store:
 * only commands that record runs may create it ({@link #openOrCreate}); every other command opens an
 * existing store ({@link #open}) and creates nothing.
 */
final class StoreOptions {
  @Option(names = "--store", paramLabel = "DIR|URL",
      description = "run store: a directory (SQLite) or postgresql://host:port/db?user=..; default $DESCENT_STORE, else ./descent-store")
  String store;

  @Option(names = "--index", paramLabel = "DIR",
      description = "search index directory; default: index/ in a SQLite store, ~/.descent/index/... for PostgreSQL")
  String index;

  @Option(names = "--artifacts", paramLabel = "DIR",
      description = "where kept weights go and are served from: a directory every host shares; default $DESCENT_ARTIFACTS,"
          + " else artifacts/ in a SQLite store, ~/.descent/artifacts/... for PostgreSQL")
  String artifacts;

  /** The existing store; none there is an error naming how to create one. */
  Workspace open() {
    return Workspace.open(store, index, Clock.systemUTC(), OpenMode.EXISTING_ONLY, artifacts);
  }

  /** The store runs are recorded in, created when there is none yet. */
  Workspace openOrCreate() {
    return Workspace.open(store, index, Clock.systemUTC(), OpenMode.CREATE_IF_NEW, artifacts);
  }

  /** The existing store, or null when there is none yet (a lost store is still refused). */
  Workspace openIfPresent() {
    try {
      return open();
    } catch (DescentException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}
