package dev.descent.core.store;

import dev.descent.core.train.RunStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The sweep ledger: each cell is a run row keyed by its deterministic id, entered as {@code queued},
 * and claimed before it runs ({@link Leases}: a claim is a lease with an owner and a fencing token).
 * A claim succeeds only for a cell that never ran to an outcome (queued, failed, crashed, stopped) or
 * whose holder is dead ({@link LeaseRule}).
 */
final class Ledger {
  private Ledger() {}

  /** Inserts the run as {@code queued} unless a run with its id exists; returns whether it inserted. */
  static boolean enqueue(Database d, NewRun run, long seq) throws SQLException {
    PreparedStatement exists = d.prepare("SELECT 1 FROM runs WHERE id = ?");
    exists.setString(1, run.id());
    try (ResultSet rs = exists.executeQuery()) {
      if (rs.next()) {
        return false;
      }
    }
    RunRows.insert(d, run, RunStatus.QUEUED, seq);
    return true;
  }

  /**
   * {@link RunStore#enqueueTrial}: the sweep's row is locked first (PostgreSQL; SQLite's write transaction
   * already excludes every other writer), so the count and the inserts are one step for every proposer.
   */
  static boolean enqueueTrial(Database d, String sweepId, List<NewRun> cells, int maxCells, Leases.Sequences seq)
      throws SQLException {
    PreparedStatement lock = d.prepare("SELECT id FROM sweeps WHERE id = ?" + d.dialect().lockRows());
    lock.setString(1, sweepId);
    lock.executeQuery().close();
    List<NewRun> missing = new java.util.ArrayList<>();
    PreparedStatement exists = d.prepare("SELECT 1 FROM runs WHERE id = ?");
    for (NewRun cell : cells) {
      exists.setString(1, cell.id());
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          missing.add(cell);
        }
      }
    }
    if (missing.isEmpty()) {
      return true;
    }
    PreparedStatement count = d.prepare("SELECT COUNT(*) FROM runs WHERE sweep_id = ?");
    count.setString(1, sweepId);
    long held;
    try (ResultSet rs = count.executeQuery()) {
      rs.next();
      held = rs.getLong(1);
    }
    if (held + missing.size() > maxCells) {
      return false;
    }
    for (NewRun cell : missing) {
      RunRows.insert(d, cell, RunStatus.QUEUED, seq.next());
    }
    return true;
  }

  static void recordSweep(Database d, SweepInfo s) throws SQLException {
    PreparedStatement ps = d.prepare("INSERT INTO sweeps (id, name, objective_metric, objective_mode, axes, created,"
        + " plan) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
    ps.setString(1, s.id());
    ps.setString(2, s.name());
    ps.setString(3, s.objectiveMetric());
    ps.setString(4, s.objectiveMode());
    ps.setString(5, Codec.strings(s.axes()));
    RunRows.setInstant(ps, 6, s.created());
    ps.setString(7, s.plan());
    ps.executeUpdate();
  }

  static java.util.Optional<SweepInfo> sweepInfo(Database d, String id) throws SQLException {
    PreparedStatement ps = d.prepare("SELECT id, name, objective_metric, objective_mode, axes, created, plan FROM sweeps"
        + " WHERE id = ?");
    ps.setString(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new SweepInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
          Codec.strings(rs.getString(5)), RunRows.instant(rs, 6), rs.getString(7)));
    }
  }

  /** A sweep's cells in the order they were entered: each cell's run was created by its enqueue, pk by pk. */
  static List<String> cellIds(Database d, String sweepId) throws SQLException {
    PreparedStatement ps = d.prepare("SELECT id FROM runs WHERE sweep_id = ? ORDER BY pk");
    ps.setString(1, sweepId);
    List<String> ids = new java.util.ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Cells per sweep and status, from the runs table (indexed by sweep and status). */
  static List<SweepCounts> sweeps(Database d) throws SQLException {
    PreparedStatement ps = d.prepare("SELECT sweep_id, experiment, status, COUNT(*), MIN(start_time), MAX(end_time)"
        + " FROM runs WHERE sweep_id IS NOT NULL GROUP BY sweep_id, experiment, status");
    java.util.Map<String, SweepCounts> bySweep = new java.util.LinkedHashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        Instant started = RunRows.instant(rs, 5);
        Instant ended = RunRows.instant(rs, 6);
        SweepCounts prev = bySweep.get(id);
        java.util.Map<RunStatus, Integer> counts = prev == null ? new java.util.EnumMap<>(RunStatus.class) : prev.counts();
        counts.put(RunStatus.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getInt(4));
        Instant s = prev == null || (started != null && started.isBefore(prev.started())) ? started : prev.started();
        Instant e = prev == null || (ended != null && (prev.lastEnded() == null || ended.isAfter(prev.lastEnded())))
            ? ended : prev.lastEnded();
        bySweep.put(id, new SweepCounts(id, rs.getString(2), counts, s, e));
      }
    }
    List<SweepCounts> out = new java.util.ArrayList<>(bySweep.values());
    out.sort(java.util.Comparator.comparing(SweepCounts::started, java.util.Comparator.nullsFirst(
        java.util.Comparator.<Instant>naturalOrder())).reversed());
    return out;
  }
}
