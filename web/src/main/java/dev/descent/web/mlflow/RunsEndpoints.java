package dev.descent.web.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.MlflowExperiment;
import dev.descent.core.store.MlflowRecords;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.train.RunStatus;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code runs/create|get|update|delete|restore}. A run created here is a descent run of the experiment's name,
 * recording {@code source: mlflow} in its provenance; its id is a 32-hex-digit UUID as MLflow's, its name the
 * one given (as {@code run_name} or the {@code mlflow.runName} tag) or a generated one. Delete is MLflow's soft
 * delete (restorable); the run stays in the store, marked.
 */
final class RunsEndpoints {
  private final RunStore store;
  private final MlflowRecords records;
  private final Clock clock;

  RunsEndpoints(RunStore store, MlflowRecords records, Clock clock) {
    this.store = store;
    this.records = records;
    this.clock = clock;
  }

  void create(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    String experimentId = r.string("experiment_id");
    experimentId = experimentId == null || experimentId.isEmpty() ? "0" : experimentId;
    MlflowExperiment experiment = experiment(experimentId);
    if (!experiment.lifecycle().equals("active")) {
      throw MlflowRequest.invalid("The experiment " + experimentId + " must be in the 'active' state. Current state"
          + " is " + experiment.lifecycle() + ".");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode t : r.array("tags")) {
      MlflowRequest tag = MlflowRequest.of(t);
      tags.put(tag.required("key"), tag.string("value") == null ? "" : tag.string("value"));
    }
    MlflowLimits.check(List.of(), Map.of(), tags);
    String id = UUID.randomUUID().toString().replace("-", "");
    String name = r.string("run_name");
    if (name == null || name.isEmpty()) {
      name = tags.getOrDefault(MlflowViews.RUN_NAME, RunNames.of(id));
    }
    tags.put(MlflowViews.RUN_NAME, name);
    String user = r.string("user_id");
    if (user != null && !user.isEmpty()) {
      tags.putIfAbsent(MlflowViews.USER, user);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    tags.forEach((k, v) -> params.put(MlflowRecords.TAG_PREFIX + k, v));
    Instant start = Instant.ofEpochMilli(r.int64("start_time", clock.millis()));
    records.createRun(new NewRun(id, experiment.name(), null, Map.of(), params, Map.of("source", "mlflow"),
        Set.of(), start), RunStatus.RUNNING);
    MlflowJson.send(ctx, Map.of("run", view(require(id), false)));
  }

  void get(Context ctx) {
    MlflowJson.send(ctx, Map.of("run", view(require(MlflowRequest.of(ctx).runId()), true)));
  }

  void update(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    String id = r.runId();
    require(id);
    String status = r.string("status");
    RunStatus to = status == null || status.isEmpty() ? null : MlflowStatus.toDescent(status);
    Long end = r.int64("end_time");
    if (end == null && to != null && to != RunStatus.RUNNING && !MlflowStatus.of(to).equals("SCHEDULED")) {
      end = clock.millis();
    }
    String name = r.string("run_name");
    records.updateRun(id, to, end == null ? null : Instant.ofEpochMilli(end), name == null || name.isEmpty()
        ? null : name);
    Run run = require(id);
    MlflowJson.send(ctx, Map.of("run_info", MlflowViews.info(run, experimentIdOf(run))));
  }

  void delete(Context ctx) {
    String id = MlflowRequest.of(ctx).runId();
    records.setDeleted(id, true);
    MlflowJson.empty(ctx);
  }

  void restore(Context ctx) {
    String id = MlflowRequest.of(ctx).runId();
    records.setDeleted(id, false);
    MlflowJson.empty(ctx);
  }

  /** The run in MLflow's shape; {@code exact} reads each metric's latest point from its history. */
  Map<String, Object> view(Run run, boolean exact) {
    return MlflowViews.run(run, experimentIdOf(run), exact ? records.latest(run) : MlflowViews.summaryMetrics(run));
  }

  long experimentIdOf(Run run) {
    Long id = records.experimentIds(List.of(run.experiment()), clock.instant()).get(run.experiment());
    return id == null ? 0 : id;
  }

  Run require(String id) {
    return store.get(id).orElseThrow(() -> new DescentException(ErrorCode.NOT_FOUND, "Run with id=" + id
        + " not found"));
  }

  private MlflowExperiment experiment(String id) {
    try {
      return records.experiment(Long.parseLong(id.trim())).orElseThrow(() -> ExperimentsEndpoints.missing(id));
    } catch (NumberFormatException e) {
      throw ExperimentsEndpoints.missing(id);
    }
  }
}
