package dev.descent.web.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.store.LoggedMetric;
import dev.descent.core.store.MlflowRecords;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code runs/log-metric|log-parameter|set-tag|delete-tag|log-batch|log-inputs}: every one is a batch of the
 * store's single MLflow write ({@link MlflowRecords#logBatch}), so each is all or nothing, checked against
 * MLflow's limits before it is written. Metrics without a step are at step 0; without a timestamp, now.
 */
final class LoggingEndpoints {
  private final MlflowRecords records;
  private final Clock clock;

  LoggingEndpoints(MlflowRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  void logMetric(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    write(r.runId(), List.of(metric(r)), Map.of(), Map.of());
    MlflowJson.empty(ctx);
  }

  void logParam(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    write(r.runId(), List.of(), Map.of(r.required("key"), value(r)), Map.of());
    MlflowJson.empty(ctx);
  }

  void setTag(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    write(r.runId(), List.of(), Map.of(), Map.of(r.required("key"), value(r)));
    MlflowJson.empty(ctx);
  }

  void deleteTag(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    records.deleteTag(r.runId(), r.required("key"));
    MlflowJson.empty(ctx);
  }

  void logBatch(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    List<LoggedMetric> metrics = new ArrayList<>();
    for (JsonNode m : r.array("metrics")) {
      metrics.add(metric(MlflowRequest.of(m)));
    }
    write(r.runId(), metrics, pairs(r.array("params"), "param"), pairs(r.array("tags"), "tag"));
    MlflowJson.empty(ctx);
  }

  /** Dataset inputs are accepted so that autologging clients carry on, but not kept (see docs/mlflow.md). */
  void logInputs(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    write(r.runId(), List.of(), Map.of(), Map.of());
    MlflowJson.empty(ctx);
  }

  private void write(String runId, List<LoggedMetric> metrics, Map<String, String> params, Map<String, String> tags) {
    MlflowLimits.check(metrics, params, tags);
    records.logBatch(runId, metrics, params, tags, clock.instant());
  }

  private LoggedMetric metric(MlflowRequest m) {
    String key = m.required("key");
    return new LoggedMetric(key, m.number("value"), m.int64("timestamp", clock.millis()), m.int64("step", 0));
  }

  private static String value(MlflowRequest r) {
    String v = r.string("value");
    return v == null ? "" : v;
  }

  /** Key/value pairs in order; the same key twice with two values is refused, as MLflow does. */
  private static Map<String, String> pairs(List<JsonNode> nodes, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode n : nodes) {
      MlflowRequest p = MlflowRequest.of(n);
      String key = p.required("key");
      String v = value(p);
      String old = out.put(key, v);
      if (old != null && !old.equals(v)) {
        throw MlflowRequest.invalid("Duplicate " + what + " keys with different values in one batch: '" + key
            + "' has '" + old + "' and '" + v + "'");
      }
    }
    return out;
  }
}
