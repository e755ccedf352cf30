package dev.descent.cli;

import dev.descent.core.tracking.Workspace;
import java.time.Clock;
import picocli.CommandLine.Option;

/** The options every command that reads or writes runs shares. */
final class StoreOptions {
  @Option(names = "--store", paramLabel = "DIR|URL",
      description = "run store: a directory (SQLite) or postgresql://host:port/db?user=..; default $DESCENT_STORE, else ./descent-store")
  String store;

  @Option(names = "--index", paramLabel = "DIR",
      description = "search index directory; default: index/ in a SQLite store, ~/.descent/index/... for PostgreSQL")
  String index;

  Workspace open() {
    return Workspace.open(store, index, Clock.systemUTC());
  }
}
