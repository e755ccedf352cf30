package dev.descent.core.store;

import dev.descent.core.train.RunStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Reads {@link Run}s out of the {@code runs} table: one column list, one mapping, used by every query. */
final class RunRows {
  static final String COLUMNS = "id, experiment, sweep_id, status, config, params, provenance, start_time,"
      + " end_time, heartbeat, error, stack_trace, tags, note, summaries, test, sequence";

  /** The same columns with the large ones (config, provenance, stack trace) left empty: for tables. */
  static final String SUMMARY_COLUMNS = "id, experiment, sweep_id, status, '{}', params, '{}', start_time,"
      + " end_time, heartbeat, error, NULL, tags, note, summaries, test, sequence";

  private RunRows() {}

  /** Inserts a new run with {@code status}; its creation's change number is also its compact key. */
  static void insert(Database d, NewRun run, RunStatus status, long seq) throws SQLException {
    PreparedStatement ps = d.prepare("INSERT INTO runs (" + COLUMNS + ", pk) VALUES"
        + " (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, NULL, '{}', '{}', ?, ?)");
    ps.setString(1, run.id());
    ps.setString(2, run.experiment());
    ps.setString(3, run.sweepId());
    ps.setString(4, status.label());
    ps.setString(5, Codec.map(run.config()));
    ps.setString(6, Codec.map(run.params()));
    ps.setString(7, Codec.map(run.provenance()));
    setInstant(ps, 8, run.startTime());
    setInstant(ps, 9, run.startTime());
    ps.setString(10, Codec.tags(run.tags() == null ? new TreeSet<>() : new TreeSet<>(run.tags())));
    ps.setLong(11, seq);
    ps.setLong(12, seq);
    ps.executeUpdate();
  }

  /** Runs {@code ps} (parameters already bound) and maps every row. */
  static List<Run> query(PreparedStatement ps) throws SQLException {
    List<Run> runs = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        runs.add(map(rs));
      }
    }
    return runs;
  }

  private static Run map(ResultSet rs) throws SQLException {
    return new Run(rs.getString(1), rs.getString(2), rs.getString(3),
        RunStatus.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
        Codec.map(rs.getString(5)), Codec.map(rs.getString(6)), Codec.map(rs.getString(7)),
        instant(rs, 8), instant(rs, 9), instant(rs, 10), rs.getString(11), rs.getString(12),
        Codec.tags(rs.getString(13)), rs.getString(14), Codec.summaries(rs.getString(15)),
        Codec.test(rs.getString(16)), rs.getLong(17));
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  /** Times are kept to the millisecond, as epoch milliseconds: the same in both databases. */
  static void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, t.toEpochMilli());
    }
  }
}
