package dev.descent.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQL of MLflow metric histories for {@link MlflowRecords}: points into {@code mlflow_metrics} (every point,
 * exact duplicates once, as MLflow keeps them), each step's latest value into descent's {@code metrics} as that
 * epoch, and reading points back. Runs inside the caller's transaction.
 */
final class MlflowMetricRows {
  static final String ADD_POINT = "INSERT INTO mlflow_metrics (run_pk, key, step, ts, value, is_nan)"
      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_pk, key, step, ts, value, is_nan) DO NOTHING";
  /** Rows per multi-row insert of points. */
  static final int ROWS = 100;
  static final String ADD_POINTS = "INSERT INTO mlflow_metrics (run_pk, key, step, ts, value, is_nan) VALUES "
      + String.join(", ", java.util.Collections.nCopies(ROWS, "(?, ?, ?, ?, ?, ?)"))
      + " ON CONFLICT (run_pk, key, step, ts, value, is_nan) DO NOTHING";
  static final String UPSERT_EPOCH = "INSERT INTO metrics (run_pk, key, epoch, value) VALUES (?, ?, ?, ?)"
      + " ON CONFLICT (run_pk, key, epoch) DO UPDATE SET value = excluded.value";
  static final String UPSERT_EPOCHS = "INSERT INTO metrics (run_pk, key, epoch, value) VALUES "
      + String.join(", ", java.util.Collections.nCopies(ROWS, "(?, ?, ?, ?)"))
      + " ON CONFLICT (run_pk, key, epoch) DO UPDATE SET value = excluded.value";

  private final Database db;

  MlflowMetricRows(Database db) {
    this.db = db;
  }

  /**
   * Inserts the points {@link #ROWS} to a statement, the rest one by one in a batch: one statement per 100 rows
   * made the batch's inserts about a third cheaper than one per row (fewer steps through the driver).
   */
  void insertPoints(long pk, List<LoggedMetric> metrics) throws SQLException {
    int full = metrics.size() / ROWS * ROWS;
    if (full > 0) {
      PreparedStatement many = db.prepare(ADD_POINTS);
      for (int from = 0; from < full; from += ROWS) {
        int i = 1;
        for (LoggedMetric m : metrics.subList(from, from + ROWS)) {
          i = bindPoint(many, i, pk, m);
        }
        many.executeUpdate();
      }
    }
    if (full < metrics.size()) {
      PreparedStatement one = db.prepare(ADD_POINT);
      for (LoggedMetric m : metrics.subList(full, metrics.size())) {
        bindPoint(one, 1, pk, m);
        one.addBatch();
      }
      one.executeBatch();
    }
  }

  /** The epochs' values, {@link #ROWS} to a statement as the points ({@code epochs} has each key and epoch once). */
  void upsertEpochs(long pk, List<MetricPoint> epochs) throws SQLException {
    int full = epochs.size() / ROWS * ROWS;
    PreparedStatement many = full > 0 ? db.prepare(UPSERT_EPOCHS) : null;
    for (int from = 0; from < full; from += ROWS) {
      int i = 1;
      for (MetricPoint p : epochs.subList(from, from + ROWS)) {
        i = bindEpoch(many, i, pk, p);
      }
      many.executeUpdate();
    }
    if (full < epochs.size()) {
      PreparedStatement one = db.prepare(UPSERT_EPOCH);
      for (MetricPoint p : epochs.subList(full, epochs.size())) {
        bindEpoch(one, 1, pk, p);
        one.addBatch();
      }
      one.executeBatch();
    }
  }

  static int bindEpoch(PreparedStatement ps, int i, long pk, MetricPoint p) throws SQLException {
    ps.setLong(i, pk);
    ps.setString(i + 1, p.key());
    ps.setInt(i + 2, p.epoch());
    ps.setDouble(i + 3, p.value());
    return i + 4;
  }

  static int bindPoint(PreparedStatement ps, int i, long pk, LoggedMetric m) throws SQLException {
    boolean nan = Double.isNaN(m.value());
    ps.setLong(i, pk);
    ps.setString(i + 1, m.key());
    ps.setLong(i + 2, m.step());
    ps.setLong(i + 3, m.timestamp());
    ps.setDouble(i + 4, nan ? 0 : m.value());
    ps.setInt(i + 5, nan ? 1 : 0);
    return i + 6;
  }

  /** The value with the latest timestamp at each step of each key (the later one on a tie), as epochs. */
  static List<MetricPoint> latestPerStep(List<LoggedMetric> metrics) {
    Map<String, Map<Integer, LoggedMetric>> latest = new LinkedHashMap<>();
    for (LoggedMetric m : metrics) {
      int epoch = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, m.step()));
      latest.computeIfAbsent(m.key(), k -> new TreeMap<>())
          .merge(epoch, m, (old, now) -> now.timestamp() >= old.timestamp() ? now : old);
    }
    List<MetricPoint> out = new ArrayList<>();
    latest.forEach((key, steps) -> steps.forEach((epoch, m) -> out.add(new MetricPoint(key, epoch, m.value()))));
    return out;
  }

  boolean hasHistory(long pk, String key) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT 1 FROM mlflow_metrics WHERE run_pk = ? AND key = ? LIMIT 1");
    ps.setLong(1, pk);
    ps.setString(2, key);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  /** The points of one {@code key} (not read back per row: 100,000 equal strings cost more than the numbers). */
  static List<LoggedMetric> points(PreparedStatement ps, String key) throws SQLException {
    List<LoggedMetric> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        double v = rs.getDouble(2);
        v = rs.wasNull() || rs.getInt(5) == 1 ? Double.NaN : v;
        out.add(new LoggedMetric(key, v, rs.getLong(3), rs.getLong(4)));
      }
    }
    return out;
  }
}
