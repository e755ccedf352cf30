package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.train.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the MLflow dialect keeps beside the runs, the same on every store ({@link MlflowRecords}). */
abstract class MlflowRecordsContract {
  static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  RunStore store;
  MlflowRecords records;

  protected abstract RunStore open() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
    records = store.mlflow();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private void newRun(String id, String experiment) {
    records.createRun(new NewRun(id, experiment, null, Map.of(), Map.of(), Map.of("source", "mlflow"), Set.of(), T0),
        RunStatus.RUNNING);
  }

  @Test
  void experiments_have_ids_the_default_one_and_descent_experiments_are_adopted() {
    assertEquals("Default", records.experiment(0).orElseThrow().name());
    long id = records.createExperiment("mlp", null, Map.of("team", "nlp"), T0);
    assertEquals("mlflow-artifacts:/" + id, records.experiment(id).orElseThrow().artifactLocation());
    DescentException taken = assertThrows(DescentException.class, () -> records.createExperiment("mlp", null,
        Map.of(), T0));
    assertEquals(ErrorCode.ALREADY_EXISTS, taken.code());
    store.create(new NewRun("native", "descent-sweep", null, Map.of(), Map.of(), Map.of(), Set.of(), T0));
    long adopted = records.experimentByName("descent-sweep", T0).orElseThrow().id();
    assertEquals(Map.of("descent-sweep", adopted), records.experimentIds(List.of("descent-sweep", "nope"), T0));
    newRun("r1", "mlp");
    long before = store.lastSequence();
    records.renameExperiment(id, "mlp-2", T0.plusSeconds(1));
    assertEquals("mlp-2", store.get("r1").orElseThrow().experiment());
    assertTrue(store.lastSequence() > before, "the rename is a change the index follows");
    records.setExperimentTag(id, "k", "v", T0);
    assertEquals(Map.of("team", "nlp", "k", "v"), records.experiment(id).orElseThrow().tags());
    records.setExperimentLifecycle(id, "deleted", T0);
    assertEquals("deleted", records.experiment(id).orElseThrow().lifecycle());
  }

  @Test
  void a_batch_keeps_every_point_and_feeds_the_epoch_table_and_summaries() {
    newRun("r1", "Default");
    long before = store.lastSequence();
    records.logBatch("r1", List.of(new LoggedMetric("loss", 2.0, 10, 0), new LoggedMetric("loss", 1.5, 20, 0),
        new LoggedMetric("loss", Double.NaN, 30, 1), new LoggedMetric("loss", 1.0, 40, 1)),
        Map.of("lr", "0.001", "opt", "adam", "note", "1e-3"), Map.of("stage", "dev"), T0);
    assertTrue(store.lastSequence() > before);
    List<LoggedMetric> history = records.history("r1", "loss", 0, 100);
    assertEquals(4, history.size());
    assertTrue(Double.isNaN(history.get(2).value()), "NaN is kept as NaN");
    assertEquals(List.of(new MetricPoint("loss", 0, 1.5), new MetricPoint("loss", 1, 1.0)),
        store.metrics("r1", List.of("loss")), "the latest value per step, as the epoch");
    Run run = store.get("r1").orElseThrow();
    assertEquals(1.0, run.summaries().get("loss").last());
    assertEquals(0.001, run.params().get("lr"));
    assertEquals("1e-3", run.params().get("note"), "text that would not read back the same stays text");
    assertEquals("dev", run.params().get(MlflowRecords.TAG_PREFIX + "stage"));
    assertEquals(new LoggedMetric("loss", 1.0, 40, 1), records.latest(run).get("loss"));
    assertEquals(2, records.history("r1", "loss", 2, 100).size(), "paged from an offset");
  }

  @Test
  void a_large_batch_with_duplicates_and_repeated_steps_keeps_each_distinct_point_once() {
    newRun("r1", "Default");
    List<LoggedMetric> points = new java.util.ArrayList<>();
    for (int i = 0; i < 250; i++) {
      points.add(new LoggedMetric("acc", i / 250.0, 1000 + i, i / 2)); // two points per step
    }
    points.add(points.get(10)); // an exact duplicate, as a client retrying part of a batch sends
    records.logBatch("r1", points, Map.of(), Map.of(), T0);
    records.logBatch("r1", points.subList(0, 120), Map.of(), Map.of(), T0); // the same points again
    List<LoggedMetric> history = records.history("r1", "acc", 0, 1000);
    assertEquals(points.subList(0, 250), history);
    List<MetricPoint> epochs = store.metrics("r1", List.of("acc"));
    assertEquals(125, epochs.size());
    assertEquals(new MetricPoint("acc", 124, 249 / 250.0), epochs.get(124), "the step's later point");
  }

  @Test
  void a_changed_param_refuses_the_whole_batch() {
    newRun("r1", "Default");
    records.logBatch("r1", List.of(), Map.of("lr", "0.1"), Map.of(), T0);
    DescentException e = assertThrows(DescentException.class, () -> records.logBatch("r1",
        List.of(new LoggedMetric("loss", 1, 1, 1)), Map.of("lr", "0.2"), Map.of("t", "x"), T0));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains("Changing param values is not allowed"), e.getMessage());
    assertEquals(List.of(), records.history("r1", "loss", 0, 10));
    assertFalse(store.get("r1").orElseThrow().params().containsKey(MlflowRecords.TAG_PREFIX + "t"));
  }

  @Test
  void soft_delete_restore_update_and_tags() {
    newRun("r1", "Default");
    records.setDeleted("r1", true);
    assertTrue(store.get("r1").orElseThrow().tags().contains(MlflowRecords.DELETED));
    assertEquals(ErrorCode.INVALID_INPUT, assertThrows(DescentException.class,
        () -> records.logBatch("r1", List.of(), Map.of("a", "b"), Map.of(), T0)).code());
    records.setDeleted("r1", false);
    records.updateRun("r1", RunStatus.FINISHED, T0.plusSeconds(5), "renamed");
    Run run = store.get("r1").orElseThrow();
    assertEquals(RunStatus.FINISHED, run.status());
    assertEquals(T0.plusSeconds(5), run.endTime());
    assertEquals("renamed", run.params().get(MlflowRecords.TAG_PREFIX + "mlflow.runName"));
    records.logBatch("r1", List.of(), Map.of(), Map.of("k", "v"), T0);
    records.deleteTag("r1", "k");
    assertEquals(ErrorCode.NOT_FOUND, assertThrows(DescentException.class, () -> records.deleteTag("r1", "k")).code());
    assertEquals(ErrorCode.NOT_FOUND, assertThrows(DescentException.class, () -> records.setDeleted("nope", true))
        .code());
  }

  @Test
  void an_mlflow_run_is_never_marked_crashed_for_lack_of_heartbeats() {
    newRun("r1", "Default");
    assertEquals(0, store.markOrphansCrashed(T0.plusSeconds(86_400 * 30)));
    assertEquals(RunStatus.RUNNING, store.get("r1").orElseThrow().status());
  }

  static Clock clock() {
    return Clock.fixed(T0, ZoneOffset.UTC);
  }
}
