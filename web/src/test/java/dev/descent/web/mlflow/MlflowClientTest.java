package dev.descent.web.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.search.SearchPage;
import dev.descent.core.store.Run;
import dev.descent.core.tracking.Workspace;
import dev.descent.web.WebServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * The real MLflow Java client ({@code org.mlflow:mlflow-client} 2.17.2) against a running descent server on
 * 127.0.0.1 with a real SQLite store: every call's result is checked, and what MLflow logged is then found by
 * descent's own search.
 */
class MlflowClientTest {
  @TempDir
  Path dir;

  Workspace ws;
  WebServer server;
  MlflowClient client;

  @BeforeEach
  void start() {
    ws = Workspace.open(dir.toString(), null, Clock.systemUTC());
    server = new WebServer(ws, "127.0.0.1", 0, null).start();
    client = new MlflowClient(server.url());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    ws.close();
  }

  @Test
  void creates_experiments_and_finds_them_by_id_and_name() {
    String id = client.createExperiment("mnist-torch");
    Service.Experiment e = client.getExperiment(id);
    assertEquals("mnist-torch", e.getName());
    assertEquals("active", e.getLifecycleStage());
    assertEquals(id, client.getExperimentByName("mnist-torch").orElseThrow().getExperimentId());
    assertEquals(Optional.empty(), client.getExperimentByName("no-such-experiment"));
    assertEquals("Default", client.getExperiment("0").getName());
    MlflowHttpException taken = assertThrows(MlflowHttpException.class, () -> client.createExperiment("mnist-torch"));
    assertEquals(400, taken.getStatusCode());
    assertTrue(taken.getBodyMessage().contains("RESOURCE_ALREADY_EXISTS"), taken.getBodyMessage());
    List<String> names = client.searchExperiments().getItems().stream().map(Service.Experiment::getName).toList();
    assertTrue(names.containsAll(List.of("Default", "mnist-torch")), names.toString());
  }

  @Test
  void logs_a_run_and_reads_it_back_whole() {
    String exp = client.createExperiment("logged");
    Service.RunInfo info = client.createRun(exp);
    assertEquals(RunStatus.RUNNING, info.getStatus());
    assertFalse(info.getRunName().isEmpty(), "a run created without a name gets one");
    assertTrue(info.getArtifactUri().startsWith("mlflow-artifacts:/" + exp + "/"), info.getArtifactUri());
    String run = info.getRunId();
    client.logParam(run, "optimizer", "adam");
    client.logParam(run, "learning_rate", "0.001");
    client.logParam(run, "optimizer", "adam"); // the same value again is fine
    client.setTag(run, "team", "vision");
    client.logMetric(run, "val_accuracy", 0.5, 1_700_000_000_000L, 1);
    client.logMetric(run, "val_accuracy", 0.75, 1_700_000_001_000L, 2);
    client.logBatch(run, List.of(metric("train_loss", 0.9, 10L, 0), metric("train_loss", 0.4, 20L, 1)),
        List.of(Service.Param.newBuilder().setKey("batch_size").setValue("128").build()),
        List.of(Service.RunTag.newBuilder().setKey("stage").setValue("dev").build()));
    client.setTerminated(run, RunStatus.FINISHED, 1_700_000_005_000L);

    Service.Run got = client.getRun(run);
    assertEquals(RunStatus.FINISHED, got.getInfo().getStatus());
    assertEquals(1_700_000_005_000L, got.getInfo().getEndTime());
    assertEquals(exp, got.getInfo().getExperimentId());
    assertEquals("active", got.getInfo().getLifecycleStage());
    Map<String, String> params = got.getData().getParamsList().stream()
        .collect(Collectors.toMap(Service.Param::getKey, Service.Param::getValue));
    assertEquals(Map.of("optimizer", "adam", "learning_rate", "0.001", "batch_size", "128"), params);
    Map<String, String> tags = got.getData().getTagsList().stream()
        .collect(Collectors.toMap(Service.RunTag::getKey, Service.RunTag::getValue));
    assertEquals("vision", tags.get("team"));
    assertEquals("dev", tags.get("stage"));
    assertEquals(info.getRunName(), tags.get("mlflow.runName"));
    Map<String, Service.Metric> metrics = got.getData().getMetricsList().stream()
        .collect(Collectors.toMap(Service.Metric::getKey, m -> m));
    assertEquals(0.75, metrics.get("val_accuracy").getValue());
    assertEquals(2, metrics.get("val_accuracy").getStep());
    assertEquals(1_700_000_001_000L, metrics.get("val_accuracy").getTimestamp());
    assertEquals(0.4, metrics.get("train_loss").getValue());

    // one store, two views: descent's own query language finds the MLflow run by its params and metrics
    SearchPage found = ws.search().search("optimizer:adam AND learning_rate<=1e-3 AND val_accuracy>0.7", null, 0, 10);
    assertEquals(List.of(run), found.ids());
    Run stored = ws.store().get(run).orElseThrow();
    assertEquals("logged", stored.experiment());
    assertEquals("mlflow", stored.provenance().get("source"));
  }

  @Test
  void refuses_a_changed_param_and_keeps_the_first_value() {
    String run = client.createRun().getRunId();
    client.logParam(run, "dropout", "0.1");
    MlflowHttpException e = assertThrows(MlflowHttpException.class, () -> client.logParam(run, "dropout", "0.2"));
    assertEquals(400, e.getStatusCode());
    assertTrue(e.getBodyMessage().contains("INVALID_PARAMETER_VALUE"), e.getBodyMessage());
    MlflowHttpException batch = assertThrows(MlflowHttpException.class, () -> client.logBatch(run,
        List.of(metric("loss", 1.0, 1L, 0)), List.of(Service.Param.newBuilder().setKey("dropout").setValue("0.3")
            .build()), List.of()));
    assertEquals(400, batch.getStatusCode());
    Service.Run got = client.getRun(run);
    assertEquals("0.1", got.getData().getParams(0).getValue());
    assertEquals(0, got.getData().getMetricsCount(), "a refused batch writes none of its metrics");
  }

  @Test
  void metric_history_of_many_points_keeps_values_steps_timestamps_and_repeats() {
    String run = client.createRun().getRunId();
    List<Service.Metric> sent = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      sent.add(metric("loss", 1.0 / (i + 1), 1_700_000_000_000L + 7L * i, i / 2)); // two points per step
    }
    client.logBatch(run, sent.subList(0, 1000), List.of(), List.of());
    client.logBatch(run, sent.subList(1000, 1500), List.of(), List.of());
    List<Service.Metric> history = client.getMetricHistory(run, "loss");
    assertEquals(1500, history.size());
    for (int i = 0; i < 1500; i++) {
      assertEquals(sent.get(i).getValue(), history.get(i).getValue(), "value " + i);
      assertEquals(sent.get(i).getStep(), history.get(i).getStep(), "step " + i);
      assertEquals(sent.get(i).getTimestamp(), history.get(i).getTimestamp(), "timestamp " + i);
    }
  }

  @Test
  void searches_runs_by_metric_param_status_and_like_with_order() {
    String exp = client.createExperiment("sweep");
    List<String> runs = new ArrayList<>();
    String[] optimizers = {"adam", "sgd", "adam", "rmsprop"};
    double[] accuracy = {0.91, 0.80, 0.95, 0.70};
    for (int i = 0; i < 4; i++) {
      String run = client.createRun(Service.CreateRun.newBuilder().setExperimentId(exp).setRunName("trial-" + i)
          .build()).getRunId();
      client.logParam(run, "optimizer", optimizers[i]);
      client.logMetric(run, "acc", accuracy[i]);
      if (i != 3) {
        client.setTerminated(run, RunStatus.FINISHED);
      }
      runs.add(run);
    }
    assertEquals(List.of(runs.get(2), runs.get(0)), ids(exp, "metrics.acc > 0.9", "metrics.acc DESC"));
    assertEquals(List.of(runs.get(0), runs.get(2)), ids(exp, "params.optimizer = 'adam'", "metrics.acc ASC"));
    assertEquals(List.of(runs.get(3)), ids(exp, "attributes.status = 'RUNNING'", null));
    assertEquals(List.of(runs.get(2), runs.get(0), runs.get(1)),
        ids(exp, "status = 'FINISHED' AND metrics.`acc` >= 0.8", "metrics.acc DESC"));
    assertEquals(List.of(runs.get(3), runs.get(1)), ids(exp, "params.optimizer LIKE '%s%'", "params.optimizer ASC"));
    assertEquals(List.of(runs.get(2)), ids(exp, "tags.mlflow.runName LIKE 'trial-2'", null));
    assertEquals(List.of(runs.get(0), runs.get(1), runs.get(2), runs.get(3)),
        ids(exp, "attributes.run_name ILIKE 'TRIAL-%'", "attributes.run_name ASC"));
    MlflowHttpException tooMany = assertThrows(MlflowHttpException.class,
        () -> client.searchRuns(List.of(exp), "", ViewType.ACTIVE_ONLY, 50_001));
    assertEquals(400, tooMany.getStatusCode());
  }

  @Test
  void deletes_and_restores_a_run() {
    String exp = client.createExperiment("gone");
    String run = client.createRun(exp).getRunId();
    client.deleteRun(run);
    assertEquals("deleted", client.getRun(run).getInfo().getLifecycleStage());
    assertEquals(List.of(), ids(exp, "", null));
    assertEquals(1, client.searchRuns(List.of(exp), "", ViewType.DELETED_ONLY, 10).getItems().size());
    client.restoreRun(run);
    assertEquals("active", client.getRun(run).getInfo().getLifecycleStage());
    assertEquals(List.of(run), ids(exp, "", null));
    MlflowHttpException missing = assertThrows(MlflowHttpException.class, () -> client.getRun("0123456789abcdef"));
    assertEquals(404, missing.getStatusCode());
    assertTrue(missing.getBodyMessage().contains("RESOURCE_DOES_NOT_EXIST"), missing.getBodyMessage());
  }

  private List<String> ids(String experiment, String filter, String orderBy) {
    return client.searchRuns(List.of(experiment), filter, ViewType.ACTIVE_ONLY, 100,
        orderBy == null ? List.of() : List.of(orderBy)).getItems().stream().map(r -> r.getInfo().getRunId()).toList();
  }

  private static Service.Metric metric(String key, double value, long timestamp, long step) {
    return Service.Metric.newBuilder().setKey(key).setValue(value).setTimestamp(timestamp).setStep(step).build();
  }
}
