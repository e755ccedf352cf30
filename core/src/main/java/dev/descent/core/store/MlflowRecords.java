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

  private final Database db;
  private final String location;
  private final MlflowMetricRows metricRows;
  private final MlflowExperimentRows experimentRows;

  MlflowRecords(Database db, String location) {
    this.db = db;
    this.location = location;
    this.metricRows = new MlflowMetricRows(db);
    this.experimentRows = new MlflowExperimentRows(db);
  }

  // ---- experiments

  /** Creates an experiment and returns its id; ALREADY_EXISTS when the name is taken (by MLflow or descent). */
  public long createExperiment(String name, String artifactLocation, Map<String, String> tags, Instant now) {
    return db.transaction("creating experiment " + name, d -> {
      nextSequence();
      if (experimentRows.byName(name).isPresent() || experimentRows.runsOf(name)) {
        throw new DescentException(ErrorCode.ALREADY_EXISTS, "Experiment '" + name + "' already exists.");
      }
      return experimentRows.insertExperiment(name, artifactLocation, tags, now);
    });
  }

  public Optional<MlflowExperiment> experiment(long id) {
    return db.read("reading experiment " + id, d -> experimentRows.byId(id));
  }

  /** The experiment of that name; a descent experiment without an MLflow id yet gets one. */
  public Optional<MlflowExperiment> experimentByName(String name, Instant now) {
    Optional<MlflowExperiment> found = db.read("reading experiment " + name, d -> experimentRows.byName(name));
    if (found.isPresent()) {
      return found;
    }
    return db.transaction("adopting experiment " + name, d -> {
      if (experimentRows.byName(name).isEmpty() && experimentRows.runsOf(name)) {
        experimentRows.insertExperiment(name, null, Map.of(), now);
      }
      return experimentRows.byName(name);
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
        experimentRows.insertExperiment(name, null, Map.of(), now);
      }
      return null;
    });
    return db.read("listing experiments", d -> experimentRows.all());
  }

  /** The ids of experiments by name, giving descent experiments without one an id; unknown names left out. */
  public Map<String, Long> experimentIds(Collection<String> names, Instant now) {
    Map<String, Long> ids = db.read("reading experiment ids", d -> experimentRows.idsOf(names));
    if (ids.size() == names.stream().distinct().count()) {
      return ids;
    }
    return db.transaction("adopting experiments", d -> {
      Map<String, Long> again = experimentRows.idsOf(names);
      for (String name : names) {
        if (!again.containsKey(name) && experimentRows.runsOf(name)) {
          again.put(name, experimentRows.insertExperiment(name, null, Map.of(), now));
        }
      }
      return again;
    });
  }

  /** Renames an experiment and moves its runs to the new name (each run a change, so the index follows). */
  public void renameExperiment(long id, String newName, Instant now) {
    db.transaction("renaming experiment " + id, d -> {
      nextSequence();
      MlflowExperiment e = experimentRows.requireExperiment(id);
      if (e.name().equals(newName)) {
        return null;
      }
      if (experimentRows.byName(newName).isPresent() || experimentRows.runsOf(newName)) {
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
      experimentRows.requireExperiment(id);
      PreparedStatement ps = d.prepare("UPDATE mlflow_experiments SET lifecycle = ?, last_update_time = ?"
          + " WHERE id = ?");
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
      Map<String, String> tags = new TreeMap<>(experimentRows.requireExperiment(id).tags());
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
        metricRows.insertPoints(row.pk, metrics);
        List<MetricPoint> epochs = MlflowMetricRows.latestPerStep(metrics);
        metricRows.upsertEpochs(row.pk, epochs);
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
      List<LoggedMetric> points = MlflowMetricRows.points(ps, key);
      if (!points.isEmpty() || offset > 0 || metricRows.hasHistory(row.pk, key)) {
        return points;
      }
      PreparedStatement epochs = d.prepare("SELECT key, value, ?, epoch, 0 FROM metrics WHERE run_pk = ? AND key = ?"
          + " ORDER BY epoch LIMIT ?");
      epochs.setLong(1, row.start);
      epochs.setLong(2, row.pk);
      epochs.setString(3, key);
      epochs.setInt(4, limit);
      return MlflowMetricRows.points(epochs, key);
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
        List<LoggedMetric> last = MlflowMetricRows.points(ps, e.getKey());
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
