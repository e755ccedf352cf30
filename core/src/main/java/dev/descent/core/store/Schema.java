package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and how to get there from any older version. Migrations are an ordered list:
 * migration {@code n} takes a store from version {@code n-1} to {@code n}. Add a new one at the end;
 * never edit a released one, since stores written by it exist. A store newer than {@link #CURRENT}
 * is refused rather than half-understood.
 */
final class Schema {

  /**
   * One step: the version it produces and its statements ({@code %s} is the dialect's table option), for
   * every dialect or only for {@code only}.
   */
  record Migration(int version, List<String> statements, Dialect only) {
    Migration(int version, List<String> statements) {
      this(version, statements, null);
    }
  }

  static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, List.of(
          "CREATE TABLE change_counter (id INTEGER PRIMARY KEY, value BIGINT NOT NULL)",
          "INSERT INTO change_counter (id, value) VALUES (1, 0)",
          // pk: the sequence number of the run's creation, a compact key for its metric rows
          "CREATE TABLE runs (id TEXT PRIMARY KEY, pk BIGINT NOT NULL UNIQUE, experiment TEXT NOT NULL,"
              + " sweep_id TEXT, status TEXT NOT NULL, config TEXT NOT NULL, params TEXT NOT NULL,"
              + " provenance TEXT NOT NULL, start_time BIGINT NOT NULL, end_time BIGINT, heartbeat BIGINT,"
              + " error TEXT, stack_trace TEXT, tags TEXT NOT NULL, note TEXT, summaries TEXT NOT NULL,"
              + " test TEXT NOT NULL, sequence BIGINT NOT NULL)",
          "CREATE INDEX runs_by_start ON runs (start_time, id)",
          "CREATE INDEX runs_by_sequence ON runs (sequence)",
          "CREATE INDEX runs_by_status ON runs (status)",
          "CREATE TABLE metrics (run_pk BIGINT NOT NULL, key TEXT NOT NULL, epoch INTEGER NOT NULL,"
              + " value DOUBLE PRECISION, PRIMARY KEY (run_pk, key, epoch))%s",
          "CREATE TABLE deleted_runs (id TEXT NOT NULL, sequence BIGINT NOT NULL)",
          "CREATE INDEX deleted_by_sequence ON deleted_runs (sequence)")),
      // 2: sweeps are listed and counted by status from the runs that are their cells
      new Migration(2, List.of("CREATE INDEX runs_by_sweep ON runs (sweep_id, status)")),
      // 3: a sweep's objective and axes, so readers rank its cells as the sweep did
      new Migration(3, List.of("CREATE TABLE sweeps (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
          + " objective_metric TEXT NOT NULL, objective_mode TEXT NOT NULL, axes TEXT NOT NULL,"
          + " created BIGINT NOT NULL)")),
      // 4: the sweep list and the experiment counts read only this index (covering), not the runs' rows:
      // 8x faster on 100,000 runs, and the dashboard's other reads no longer wait behind them
      new Migration(4, List.of("CREATE INDEX runs_by_sweep_cover ON runs (sweep_id, experiment, status, start_time,"
          + " end_time)", "DROP INDEX runs_by_sweep")),
      // 5: claims are leases with an owner and a fencing token (see Ledger); a run left running by an
      // older descent keeps the 60 s it had then, counted from its last heartbeat
      new Migration(5, List.of("ALTER TABLE runs ADD COLUMN lease_token BIGINT",
          "ALTER TABLE runs ADD COLUMN lease_until BIGINT", "ALTER TABLE runs ADD COLUMN owner_host TEXT",
          "ALTER TABLE runs ADD COLUMN owner_machine TEXT", "ALTER TABLE runs ADD COLUMN owner_pid BIGINT",
          "ALTER TABLE runs ADD COLUMN owner_started BIGINT", "ALTER TABLE runs ADD COLUMN previous_attempt TEXT",
          "UPDATE runs SET lease_until = heartbeat + 60000 WHERE status = 'running'")),
      // 6: claims, epochs and ends take no change number but mark the run pending, numbered in commit order
      // later (ChangeNumbers); on PostgreSQL fencing tokens come from a sequence, past every token given so far
      new Migration(6, List.of("ALTER TABLE runs ADD COLUMN pending_change INTEGER",
          "CREATE INDEX runs_pending ON runs (pending_change) WHERE pending_change IS NOT NULL")),
      new Migration(6, List.of("CREATE SEQUENCE lease_tokens",
          "SELECT setval('lease_tokens', GREATEST(1, (SELECT value FROM change_counter WHERE id = 1),"
              + " (SELECT MAX(lease_token) FROM runs)))"),
          Dialect.POSTGRES),
      // 7: the MLflow dialect (MlflowRecords): experiments with ids, lifecycle and tags (0 is MLflow's
      // default), and metric histories with any step, a timestamp and repeats; value 0 with is_nan 1 is NaN,
      // which SQLite would store as NULL. IF NOT EXISTS: tests take a store back to an older version by
      // dropping what came later, and leave these
      new Migration(7, List.of("CREATE TABLE IF NOT EXISTS mlflow_experiments (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
          + " lifecycle TEXT NOT NULL, artifact_location TEXT NOT NULL, creation_time BIGINT NOT NULL,"
          + " last_update_time BIGINT NOT NULL, tags TEXT NOT NULL)",
          "INSERT INTO mlflow_experiments (id, name, lifecycle, artifact_location, creation_time, last_update_time,"
          + " tags) VALUES (0, 'Default', 'active', 'mlflow-artifacts:/0', 0, 0, '{}') ON CONFLICT (id) DO NOTHING",
          "CREATE TABLE IF NOT EXISTS mlflow_metrics (run_pk BIGINT NOT NULL, key TEXT NOT NULL, step BIGINT NOT NULL,"
          + " ts BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, is_nan INTEGER NOT NULL,"
          + " PRIMARY KEY (run_pk, key, step, ts, value, is_nan))%s")),
      // 8: a sweep's plan (its file's search, pruner and budget sections with the rest of the document), so
      // `descent worker` prunes, proposes and spends as `descent run` does; NULL for a plain grid
      new Migration(8, List.of("ALTER TABLE sweeps ADD COLUMN plan TEXT")));

  /** The version this program writes: the last migration's. */
  static final int CURRENT = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private Schema() {}

  /**
   * Brings the store to {@link #CURRENT} inside the caller's transaction, or refuses a newer store.
   * Returns the version found before migrating (0 for a new store).
   */
  static int migrate(Connection c, Dialect dialect, String location) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      if (dialect.lockSchema() != null) {
        s.execute(dialect.lockSchema());
      }
      int found = read(s);
      if (found > CURRENT) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "Run store " + location + " has schema version "
            + found + ", but this descent understands versions up to " + CURRENT
            + ". It was written by a newer descent: upgrade descent to open it, or use another --store.");
      }
      for (Migration m : MIGRATIONS) {
        if (m.version() > found && (m.only() == null || m.only() == dialect)) {
          for (String sql : m.statements()) {
            s.execute(String.format(sql, dialect.withoutRowId()));
          }
        }
      }
      if (found == 0) {
        s.execute("INSERT INTO schema_version (version) VALUES (" + CURRENT + ")");
      } else if (found < CURRENT) {
        s.execute("UPDATE schema_version SET version = " + CURRENT);
      }
      return found;
    }
  }

  private static int read(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
