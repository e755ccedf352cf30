package dev.descent.web.mlflow;

import dev.descent.core.store.LoggedMetric;
import dev.descent.core.store.MlflowExperiment;
import dev.descent.core.store.MlflowRecords;
import dev.descent.core.store.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A descent run or experiment in MLflow's JSON shapes (RunInfo, RunData, Experiment, Metric). int64 fields are
 * JSON numbers, as MLflow's server writes them; non-finite metric values are the strings protobuf JSON uses.
 * A descent run's params (its flattened configuration) are MLflow params, its plain tags MLflow tags with an
 * empty value, its metrics' last epochs MLflow's latest metrics.
 */
final class MlflowViews {
  static final String RUN_NAME = "mlflow.runName";
  static final String USER = "mlflow.user";

  private MlflowViews() {}

  static Map<String, Object> run(Run run, long experimentId, Map<String, LoggedMetric> latest) {
    List<Map<String, Object>> metrics = new ArrayList<>();
    latest.values().forEach(m -> metrics.add(metric(m)));
    List<Map<String, Object>> params = new ArrayList<>();
    List<Map<String, Object>> tags = new ArrayList<>();
    mlflowTags(run).forEach((k, v) -> tags.add(pair(k, v)));
    run.params().forEach((k, v) -> {
      if (!k.startsWith(MlflowRecords.TAG_PREFIX)) {
        params.add(pair(k, MlflowRecords.text(v)));
      }
    });
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("metrics", metrics);
    data.put("params", params);
    data.put("tags", tags);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("info", info(run, experimentId));
    out.put("data", data);
    out.put("inputs", Map.of("dataset_inputs", List.of()));
    return out;
  }

  static Map<String, Object> info(Run run, long experimentId) {
    Map<String, String> tags = mlflowTags(run);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("run_id", run.id());
    info.put("run_uuid", run.id());
    info.put("run_name", tags.getOrDefault(RUN_NAME, run.id()));
    info.put("experiment_id", Long.toString(experimentId));
    info.put("user_id", tags.getOrDefault(USER, ""));
    info.put("status", MlflowStatus.of(run.status()));
    info.put("start_time", run.startTime().toEpochMilli());
    if (run.endTime() != null) {
      info.put("end_time", run.endTime().toEpochMilli());
    }
    info.put("artifact_uri", artifactUri(experimentId, run.id()));
    info.put("lifecycle_stage", run.tags().contains(MlflowRecords.DELETED) ? "deleted" : "active");
    return info;
  }

  static String artifactUri(long experimentId, String runId) {
    return "mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts";
  }

  /** The run's MLflow tags: those logged through MLflow, and descent's own tags with empty values. */
  static Map<String, String> mlflowTags(Run run) {
    Map<String, String> tags = new TreeMap<>();
    run.tags().stream().filter(t -> !t.equals(MlflowRecords.DELETED)).forEach(t -> tags.put(t, ""));
    run.params().forEach((k, v) -> {
      if (k.startsWith(MlflowRecords.TAG_PREFIX)) {
        tags.put(k.substring(MlflowRecords.TAG_PREFIX.length()), String.valueOf(v));
      }
    });
    return tags;
  }

  /** Latest metrics from the run's summaries alone (search results): last epoch as step, last write as time. */
  static Map<String, LoggedMetric> summaryMetrics(Run run) {
    long time = (run.heartbeat() == null ? run.startTime() : run.heartbeat()).toEpochMilli();
    Map<String, LoggedMetric> out = new TreeMap<>();
    run.summaries().forEach((k, s) -> out.put(k, new LoggedMetric(k, s.last(), time, s.lastEpoch())));
    return out;
  }

  static Map<String, Object> metric(LoggedMetric m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", m.key());
    out.put("value", number(m.value()));
    out.put("timestamp", m.timestamp());
    out.put("step", m.step());
    return out;
  }

  /** A double as protobuf JSON writes it: a number, or "NaN", "Infinity", "-Infinity". */
  static Object number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return v;
  }

  static Map<String, Object> experiment(MlflowExperiment e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("experiment_id", Long.toString(e.id()));
    out.put("name", e.name());
    out.put("artifact_location", e.artifactLocation());
    out.put("lifecycle_stage", e.lifecycle());
    out.put("last_update_time", e.lastUpdateTime());
    out.put("creation_time", e.creationTime());
    List<Map<String, Object>> tags = new ArrayList<>();
    e.tags().forEach((k, v) -> tags.add(pair(k, v)));
    out.put("tags", tags);
    return out;
  }

  static Map<String, Object> pair(String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("value", value);
    return out;
  }
}
