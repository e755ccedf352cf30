package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.train.RunStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * What the MLflow dialect keeps beyond a descent run, in the same store and the same transactions: experiments
 * with ids, lifecycle and tags ({@code mlflow_experiments}), and each metric's full history with steps,
 * timestamps and repeats ({@code mlflow_metrics}). An MLflow run is a descent run: its params live in the run's
 * params (as numbers when the text round-trips exactly, so {@code lr<=1e-3} finds them), its key/value tags in
 * the params under {@code tags.}, its soft deletion as the descent tag {@link #DELETED}, and every metric
 * batch also writes the latest value per step into the {@code metrics} table as that epoch, with the run's
 * summaries, so search and the dashboard see it. Every write takes a change number, as the run store's do, so
 * the search index follows.
 */
public final class MlflowRecords {
  /** The descent tag that marks a run deleted for MLflow (restorable, unlike {@link RunStore#delete}). */
  public static final String DELETED = "deleted";
  /** Params entries holding MLflow tags: {@code tags.mlflow.runName} and so on. */
  public static final String TAG_PREFIX = "tags.";
  /** Far in the future: an MLflow run has no heartbeat, so it must never look like a crashed descent run. */
  private static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
  private static final String ADD_POINT = "INSERT INTO mlflow_metrics (run_pk, key, step, ts, value, is_nan)"
      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_pk, key, step, ts, value, is_nan) DO NOTHING";
  /** Rows per multi-row insert of points. */
  private static final int ROWS = 100;
  private static final String ADD_POINTS = "INSERT INTO mlflow_metrics (run_pk, key, step, ts, value, is_nan) VALUES "
      + String.join(", ", java.util.Collections.nCopies(ROWS, "(?, ?, ?, ?, ?, ?)"))
      + " ON CONFLICT (run_pk, key, step, ts, value, is_nan) DO NOTHING";
  private static final String UPSERT_EPOCH = "INSERT INTO metrics (run_pk, key, epoch, value) VALUES (?, ?, ?, ?)"
      + " ON CONFLICT (run_pk, key, epoch) DO UPDATE SET value = excluded.value";
  private static final String UPSERT_EPOCHS = "INSERT INTO metrics (run_pk, key, epoch, value) VALUES "
      + String.join(", ", java.util.Collections.nCopies(ROWS, "(?, ?, ?, ?)"))
      + " ON CONFLICT (run_pk, key, epoch) DO UPDATE SET value = excluded.value";
  private static final String EXPERIMENT_COLUMNS =
      "id, name, lifecycle, artifact_location, creation_time, last_update_time, tags";

  private final Database db;
  private final String location;

  MlflowRecords(Database db, String location) {
    this.db = db;
    this.location = location;
  }

  // ---- experiments

  /** Creates an experiment and returns its id; ALREADY_EXISTS when the name is taken (by MLflow or descent). */
  public long createExperiment(String name, String artifactLocation, Map<String, String> tags, Instant now) {
    return db.transaction("creating experiment " + name, d -> {
      nextSequence();
      if (byName(name).isPresent() || runsOf(name)) {
        throw new DescentException(ErrorCode.ALREADY_EXISTS, "Experiment '" + name + "' already exists.");
      }
      return insertExperiment(name, artifactLocation, tags, now);
    });
  }

  public Optional<MlflowExperiment> experiment(long id) {
    return db.read("reading experiment " + id, d -> {
      PreparedStatement ps = d.prepare("SELECT " + EXPERIMENT_COLUMNS + " FROM mlflow_experiments WHERE id = ?");
      ps.setLong(1, id);
      return experiments(ps).stream().findFirst();
    });
  }

  /** The experiment of that name; a descent experiment without an MLflow id yet gets one. */
  public Optional<MlflowExperiment> experimentByName(String name, Instant now) {
    Optional<MlflowExperiment> found = db.read("reading experiment " + name, d -> byName(name));
    if (found.isPresent()) {
      return found;
    }
    return db.transaction("adopting experiment " + name, d -> {
      if (byName(name).isEmpty() && runsOf(name)) {
        insertExperiment(name, null, Map.of(), now);
      }
      return byName(name);
    });
  }

  /** Every experiment, by id, after giving each descent experiment an id. */
  public List<MlflowExperiment> experiments(Instant now) {
    db.transaction("adopting descent experiments", d -> {
      List<String> missing = new ArrayList<>();
      try (ResultSet rs = d.prepare("SELECT DISTINCT experiment FROM runs WHERE experiment NOT IN"
          + " (SELECT name FROM mlflow_experiments) ORDER BY experiment").executeQuery()) {
        while (rs.next()) {
          missing.add(rs.getString(1));
        }
      }
      for (String name : missing) {
        insertExperiment(name, null, Map.of(), now);
      }
      return null;
    });
    return db.read("listing experiments", d -> experiments(d.prepare("SELECT " + EXPERIMENT_COLUMNS
        + " FROM mlflow_experiments ORDER BY id")));
  }

  /** The ids of experiments by name, giving descent experiments without one an id; unknown names left out. */
  public Map<String, Long> experimentIds(Collection<String> names, Instant now) {
    Map<String, Long> ids = db.read("reading experiment ids", d -> idsOf(names));
    if (ids.size() == names.stream().distinct().count()) {
      return ids;
    }
    return db.transaction("adopting experiments", d -> {
      Map<String, Long> again = idsOf(names);
      for (String name : names) {
        if (!again.containsKey(name) && runsOf(name)) {
          again.put(name, insertExperiment(name, null, Map.of(), now));
        }
      }
      return again;
    });
  }

  /** Renames an experiment and moves its runs to the new name (each run a change, so the index follows). */
  public void renameExperiment(long id, String newName, Instant now) {
    db.transaction("renaming experiment " + id, d -> {
      nextSequence();
      MlflowExperiment e = requireExperiment(id);
      if (e.name().equals(newName)) {
        return null;
      }
      if (byName(newName).isPresent() || runsOf(newName)) {
        throw new DescentException(ErrorCode.ALREADY_EXISTS, "Experiment '" + newName + "' already exists.");
      }
      PreparedStatement ps = d.prepare("UPDATE mlflow_experiments SET name = ?, last_update_time = ? WHERE id = ?");
      ps.setString(1, newName);
      ps.setLong(2, now.toEpochMilli());
      ps.setLong(3, id);
      ps.executeUpdate();
      List<String> runIds = new ArrayList<>();
      PreparedStatement find = d.prepare("SELECT id FROM runs WHERE experiment = ?");
      find.setString(1, e.name());
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          runIds.add(rs.getString(1));
        }
      }
      PreparedStatement move = d.prepare("UPDATE runs SET experiment = ?, sequence = ? WHERE id = ?");
      for (String runId : runIds) {
        move.setString(1, newName);
        move.setLong(2, nextSequence());
        move.setString(3, runId);
        move.executeUpdate();
      }
      return null;
    });
  }

  /** Marks an experiment {@code active} or {@code deleted}. */
  public void setExperimentLifecycle(long id, String lifecycle, Instant now) {
    db.transaction("changing experiment " + id, d -> {
      nextSequence();
      requireExperiment(id);
      PreparedStatement ps = d.prepare("UPDATE mlflow_experiments SET lifecycle = ?, last_update_time = ? WHERE id = ?");
      ps.setString(1, lifecycle);
      ps.setLong(2, now.toEpochMilli());
      ps.setLong(3, id);
      ps.executeUpdate();
      return null;
    });
  }

  public void setExperimentTag(long id, String key, String value, Instant now) {
    db.transaction("tagging experiment " + id, d -> {
      nextSequence();
      Map<String, String> tags = new TreeMap<>(requireExperiment(id).tags());
      tags.put(key, value);
      PreparedStatement ps = d.prepare("UPDATE mlflow_experiments SET tags = ?, last_update_time = ? WHERE id = ?");
      ps.setString(1, Codec.map(tags));
      ps.setLong(2, now.toEpochMilli());
      ps.setLong(3, id);
      ps.executeUpdate();
      return null;
    });
  }

  // ---- runs

  /** Records a new run with {@code status} and no lease expiry (MLflow clients send no heartbeats). */
  public void createRun(NewRun run, RunStatus status) {
    db.transaction("creating run " + run.id(), d -> {
      long seq = nextSequence();
      if (pk(run.id()) != null) {
        throw new DescentException(ErrorCode.ALREADY_EXISTS, "Run '" + run.id() + "' already exists.");
      }
      RunRows.insert(d, run, status, seq);
      PreparedStatement ps = d.prepare("UPDATE runs SET lease_until = ? WHERE pk = ?");
      RunRows.setInstant(ps, 1, NO_EXPIRY);
      ps.setLong(2, seq);
      ps.executeUpdate();
      return null;
    });
  }

  /** Sets a run's status, and its end time and name when given (null leaves them). */
  public void updateRun(String runId, RunStatus status, Instant endTime, String runName) {
    db.transaction("updating run " + runId, d -> {
      long seq = nextSequence();
      Row row = row(runId);
      if (runName != null) {
        row.params.put(TAG_PREFIX + "mlflow.runName", runName);
      }
      PreparedStatement ps = d.prepare("UPDATE runs SET status = COALESCE(?, status),"
          + " end_time = COALESCE(?, end_time), params = ?, sequence = ? WHERE pk = ?");
      ps.setString(1, status == null ? null : status.label());
      RunRows.setInstant(ps, 2, endTime);
      ps.setString(3, Codec.map(row.params));
      ps.setLong(4, seq);
      ps.setLong(5, row.pk);
      ps.executeUpdate();
      return null;
    });
  }

  /** Soft-deletes ({@code deleted} true) or restores a run: the {@link #DELETED} tag. */
  public void setDeleted(String runId, boolean deleted) {
    db.transaction((deleted ? "deleting" : "restoring") + " run " + runId, d -> {
      long seq = nextSequence();
      Row row = row(runId);
      if (deleted ? row.tags.add(DELETED) : row.tags.remove(DELETED)) {
        PreparedStatement ps = d.prepare("UPDATE runs SET tags = ?, sequence = ? WHERE pk = ?");
        ps.setString(1, Codec.tags(row.tags));
        ps.setLong(2, seq);
        ps.setLong(3, row.pk);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Logs metrics, params and tags in one transaction, or nothing: a param logged before with another value
   * is INVALID_INPUT before anything is written, as is any write to a deleted run.
   */
  public void logBatch(String runId, List<LoggedMetric> metrics, Map<String, String> params, Map<String, String> tags,
      Instant now) {
    db.transaction("logging to run " + runId, d -> {
      long seq = nextSequence();
      Row row = row(runId);
      if (row.tags.contains(DELETED)) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "The run " + runId + " must be in the 'active' state."
            + " Current state is deleted.");
      }
      params.forEach((key, value) -> {
        Object old = row.params.get(key);
        if (old != null && !text(old).equals(value)) {
          throw new DescentException(ErrorCode.INVALID_INPUT, "Changing param values is not allowed. Param with"
              + " key='" + key + "' was already logged with value='" + text(old) + "' for run ID='" + runId
              + "'. Attempted logging new value '" + value + "'.");
        }
      });
      params.forEach((key, value) -> row.params.put(key, typed(value)));
      tags.forEach((key, value) -> row.params.put(TAG_PREFIX + key, value));
      Map<String, MetricSummary> summaries = row.summaries;
      if (!metrics.isEmpty()) {
        insertPoints(row.pk, metrics);
        List<MetricPoint> epochs = latestPerStep(metrics);
        upsertEpochs(row.pk, epochs);
        Summaries.fold(summaries, epochs);
      }
      PreparedStatement ps = d.prepare("UPDATE runs SET params = ?, summaries = ?, heartbeat = ?, sequence = ?"
          + " WHERE pk = ?");
      ps.setString(1, Codec.map(row.params));
      ps.setString(2, Codec.summaries(summaries));
      RunRows.setInstant(ps, 3, now);
      ps.setLong(4, seq);
      ps.setLong(5, row.pk);
      ps.executeUpdate();
      return null;
    });
  }

  /** Removes an MLflow tag (or a descent tag of that name); NOT_FOUND when the run has neither. */
  public void deleteTag(String runId, String key) {
    db.transaction("deleting tag " + key + " of run " + runId, d -> {
      long seq = nextSequence();
      Row row = row(runId);
      boolean removed = row.params.remove(TAG_PREFIX + key) != null;
      removed |= !key.equals(DELETED) && row.tags.remove(key);
      if (!removed) {
        throw new DescentException(ErrorCode.NOT_FOUND, "No tag with name: " + key + " in run with id " + runId);
      }
      PreparedStatement ps = d.prepare("UPDATE runs SET params = ?, tags = ?, sequence = ? WHERE pk = ?");
      ps.setString(1, Codec.map(row.params));
      ps.setString(2, Codec.tags(row.tags));
      ps.setLong(3, seq);
      ps.setLong(4, row.pk);
      ps.executeUpdate();
      return null;
    });
  }

  /**
   * A metric's history by step, timestamp and value, {@code limit} points from {@code offset}. A run logged by
   * descent itself has no MLflow history: its epochs are the steps and its start time the timestamp.
   */
  public List<LoggedMetric> history(String runId, String key, int offset, int limit) {
    return db.read("reading metric " + key + " of run " + runId, d -> {
      Row row = row(runId);
      PreparedStatement ps = d.prepare("SELECT ?, value, ts, step, is_nan FROM mlflow_metrics"
          + " WHERE run_pk = ? AND key = ? ORDER BY step, ts, value LIMIT ? OFFSET ?");
      ps.setString(1, key);
      ps.setLong(2, row.pk);
      ps.setString(3, key);
      ps.setInt(4, limit);
      ps.setInt(5, offset);
      List<LoggedMetric> points = points(ps, key);
      if (!points.isEmpty() || offset > 0 || hasHistory(row.pk, key)) {
        return points;
      }
      PreparedStatement epochs = d.prepare("SELECT key, value, ?, epoch, 0 FROM metrics WHERE run_pk = ? AND key = ?"
          + " ORDER BY epoch LIMIT ?");
      epochs.setLong(1, row.start);
      epochs.setLong(2, row.pk);
      epochs.setString(3, key);
      epochs.setInt(4, limit);
      return points(epochs, key);
    });
  }

  /**
   * Each metric's latest value (highest step, then latest timestamp) for MLflow's run view; a key without
   * MLflow history falls back to the descent summary (last epoch as step, last heartbeat as time).
   */
  public Map<String, LoggedMetric> latest(Run run) {
    return db.read("reading latest metrics of run " + run.id(), d -> {
      Map<String, LoggedMetric> out = new TreeMap<>();
      Long pk = pk(run.id());
      if (pk == null) {
        return out;
      }
      PreparedStatement ps = d.prepare("SELECT key, value, ts, step, is_nan FROM mlflow_metrics"
          + " WHERE run_pk = ? AND key = ? ORDER BY step DESC, ts DESC, value DESC LIMIT 1");
      long heartbeat = run.heartbeat() == null ? run.startTime().toEpochMilli() : run.heartbeat().toEpochMilli();
      for (Map.Entry<String, MetricSummary> e : run.summaries().entrySet()) {
        ps.setLong(1, pk);
        ps.setString(2, e.getKey());
        List<LoggedMetric> last = points(ps, e.getKey());
        out.put(e.getKey(), last.isEmpty()
            ? new LoggedMetric(e.getKey(), e.getValue().last(), heartbeat, e.getValue().lastEpoch()) : last.get(0));
      }
      return out;
    });
  }

  /** A param value as MLflow's text: numbers as Java writes them, which is how {@link #typed} stored them. */
  public static String text(Object value) {
    return String.valueOf(value);
  }

  /**
   * A param's text as a number when it round-trips exactly ({@code 128}, {@code 0.001}), so descent's range
   * queries work on it; otherwise the text itself, so MLflow clients read back exactly what they logged.
   */
  static Object typed(String text) {
    if (text.matches("-?[0-9]{1,18}")) {
      long l = Long.parseLong(text);
      if (Long.toString(l).equals(text)) {
        return l;
      }
    }
    if (text.matches("-?[0-9.Ee+-]+")) {
      try {
        double v = Double.parseDouble(text);
        if (Double.isFinite(v) && Double.toString(v).equals(text)) {
          return v;
        }
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return text;
  }

  // ---- internals

  /** The run row's parts a write edits. */
  private record Row(long pk, long start, Map<String, Object> params, SortedSet<String> tags,
      Map<String, MetricSummary> summaries) {}

  private Row row(String runId) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT pk, start_time, params, tags, summaries FROM runs WHERE id = ?");
    ps.setString(1, runId);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new DescentException(ErrorCode.NOT_FOUND, "Run with id=" + runId + " not found");
      }
      return new Row(rs.getLong(1), rs.getLong(2), new LinkedHashMap<>(Codec.map(rs.getString(3))),
          Codec.tags(rs.getString(4)), Codec.summaries(rs.getString(5)));
    }
  }

  /**
   * Inserts the points {@link #ROWS} to a statement, the rest one by one in a batch: one statement per 100 rows
   * made the batch's inserts about a third cheaper than one per row (fewer steps through the driver).
   */
  private void insertPoints(long pk, List<LoggedMetric> metrics) throws SQLException {
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
  private void upsertEpochs(long pk, List<MetricPoint> epochs) throws SQLException {
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

  private static int bindEpoch(PreparedStatement ps, int i, long pk, MetricPoint p) throws SQLException {
    ps.setLong(i, pk);
    ps.setString(i + 1, p.key());
    ps.setInt(i + 2, p.epoch());
    ps.setDouble(i + 3, p.value());
    return i + 4;
  }

  private static int bindPoint(PreparedStatement ps, int i, long pk, LoggedMetric m) throws SQLException {
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
  private static List<MetricPoint> latestPerStep(List<LoggedMetric> metrics) {
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

  private boolean hasHistory(long pk, String key) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT 1 FROM mlflow_metrics WHERE run_pk = ? AND key = ? LIMIT 1");
    ps.setLong(1, pk);
    ps.setString(2, key);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  /** The points of one {@code key} (not read back per row: 100,000 equal strings cost more than the numbers). */
  private static List<LoggedMetric> points(PreparedStatement ps, String key) throws SQLException {
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

  private long insertExperiment(String name, String artifactLocation, Map<String, String> tags, Instant now)
      throws SQLException {
    long id;
    try (ResultSet rs = db.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM mlflow_experiments").executeQuery()) {
      rs.next();
      id = rs.getLong(1);
    }
    PreparedStatement ps = db.prepare("INSERT INTO mlflow_experiments (" + EXPERIMENT_COLUMNS
        + ") VALUES (?, ?, 'active', ?, ?, ?, ?)");
    ps.setLong(1, id);
    ps.setString(2, name);
    ps.setString(3, artifactLocation == null || artifactLocation.isBlank() ? "mlflow-artifacts:/" + id
        : artifactLocation);
    ps.setLong(4, now.toEpochMilli());
    ps.setLong(5, now.toEpochMilli());
    ps.setString(6, Codec.map(tags == null ? Map.of() : new TreeMap<>(tags)));
    ps.executeUpdate();
    return id;
  }

  private MlflowExperiment requireExperiment(long id) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT " + EXPERIMENT_COLUMNS + " FROM mlflow_experiments WHERE id = ?");
    ps.setLong(1, id);
    return experiments(ps).stream().findFirst().orElseThrow(() -> new DescentException(ErrorCode.NOT_FOUND,
        "No Experiment with id=" + id + " exists"));
  }

  private Optional<MlflowExperiment> byName(String name) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT " + EXPERIMENT_COLUMNS + " FROM mlflow_experiments WHERE name = ?");
    ps.setString(1, name);
    return experiments(ps).stream().findFirst();
  }

  private Map<String, Long> idsOf(Collection<String> names) throws SQLException {
    Map<String, Long> ids = new LinkedHashMap<>();
    PreparedStatement ps = db.prepare("SELECT id FROM mlflow_experiments WHERE name = ?");
    for (String name : names) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          ids.put(name, rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private boolean runsOf(String experiment) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT 1 FROM runs WHERE experiment = ? LIMIT 1");
    ps.setString(1, experiment);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  private static List<MlflowExperiment> experiments(PreparedStatement ps) throws SQLException {
    List<MlflowExperiment> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Map<String, String> tags = new TreeMap<>();
        Codec.map(rs.getString(7)).forEach((k, v) -> tags.put(k, String.valueOf(v)));
        out.add(new MlflowExperiment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), rs.getLong(6), tags));
      }
    }
    return out;
  }

  private Long pk(String runId) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT pk FROM runs WHERE id = ?");
    ps.setString(1, runId);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  /** The store's next change number, taken first in every write as the run store's writes do. */
  private long nextSequence() throws SQLException {
    try (ResultSet rs = db.prepare("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value")
        .executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public String toString() {
    return "MLflow records of " + location;
  }
}
