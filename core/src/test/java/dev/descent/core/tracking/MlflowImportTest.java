package dev.descent.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.store.LoggedMetric;
import dev.descent.core.store.MlflowRecords;
import dev.descent.core.store.Run;
import dev.descent.core.train.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing an MLflow file store. The fixture is written here by hand following MLflow's file-store layout
 * (mlflow/store/tracking/file_store.py: {@code EXP_ID/meta.yaml}, {@code EXP_ID/RUN_ID/meta.yaml} with the
 * numeric RunStatus, {@code params/KEY}, {@code tags/KEY}, {@code metrics/KEY} with lines
 * {@code timestamp value step}, keys with slashes as folders).
 */
class MlflowImportTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  void imports_experiments_runs_params_tags_and_full_metric_histories_once() throws Exception {
    Path mlruns = dir.resolve("mlruns");
    write(mlruns.resolve("1/meta.yaml"), """
        artifact_location: file:///home/ada/mlruns/1
        creation_time: 1700000000000
        experiment_id: '1'
        last_update_time: 1700000000000
        lifecycle_stage: active
        name: cifar-resnet
        """);
    write(mlruns.resolve("1/tags/team"), "vision");
    Path run = mlruns.resolve("1/0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    write(run.resolve("meta.yaml"), """
        artifact_uri: file:///home/ada/mlruns/1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/artifacts
        end_time: 1700000100000
        entry_point_name: ''
        experiment_id: '1'
        lifecycle_stage: active
        run_id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
        run_name: resnet-bold-owl
        run_uuid: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
        source_name: ''
        source_type: 4
        source_version: ''
        start_time: 1700000000000
        status: 3
        tags: []
        user_id: ada
        """);
    write(run.resolve("params/optimizer"), "adam");
    write(run.resolve("params/lr"), "0.001");
    write(run.resolve("tags/mlflow.source.name"), "train.py");
    write(run.resolve("metrics/val_accuracy"), "1700000001000 0.5 0\n1700000002000 0.75 1\n1700000003000 0.8 1\n");
    write(run.resolve("metrics/train/loss"), "1700000001000 1.25 0\n1700000002000 0.5 1\n");
    Path killed = mlruns.resolve("1/ffffffffffffffffffffffffffffffff");
    write(killed.resolve("meta.yaml"), """
        experiment_id: '1'
        lifecycle_stage: deleted
        run_id: ffffffffffffffffffffffffffffffff
        run_name: gone
        start_time: 1700000200000
        end_time: 1700000300000
        status: 5
        user_id: ada
        """);
    write(mlruns.resolve(".trash/7/meta.yaml"), "name: trashed\n");

    try (Workspace ws = Workspace.open(dir.resolve("store").toString(), null, CLOCK)) {
      MlflowImport.Result result = new MlflowImport(ws.store(), CLOCK).run(mlruns);
      assertEquals(new MlflowImport.Result(1, 2, 0, 5), result);
      Run r = ws.store().get("0a1b2c3d4e5f60718293a4b5c6d7e8f9").orElseThrow();
      assertEquals("cifar-resnet", r.experiment());
      assertEquals(RunStatus.FINISHED, r.status());
      assertEquals(Instant.ofEpochMilli(1700000000000L), r.startTime());
      assertEquals(Instant.ofEpochMilli(1700000100000L), r.endTime());
      assertEquals("adam", r.params().get("optimizer"));
      assertEquals(0.001, r.params().get("lr"), "a number that round-trips is stored as one, for range queries");
      assertEquals("resnet-bold-owl", r.params().get(MlflowRecords.TAG_PREFIX + "mlflow.runName"));
      assertEquals("train.py", r.params().get(MlflowRecords.TAG_PREFIX + "mlflow.source.name"));
      List<LoggedMetric> acc = ws.store().mlflow().history(r.id(), "val_accuracy", 0, 100);
      assertEquals(List.of(new LoggedMetric("val_accuracy", 0.5, 1700000001000L, 0),
          new LoggedMetric("val_accuracy", 0.75, 1700000002000L, 1),
          new LoggedMetric("val_accuracy", 0.8, 1700000003000L, 1)), acc);
      assertEquals(0.5, ws.store().mlflow().history(r.id(), "train/loss", 0, 100).get(1).value());
      assertEquals("vision", ws.store().mlflow().experimentByName("cifar-resnet", CLOCK.instant()).orElseThrow()
          .tags().get("team"));
      Run gone = ws.store().get("ffffffffffffffffffffffffffffffff").orElseThrow();
      assertEquals(RunStatus.STOPPED, gone.status());
      assertTrue(gone.tags().contains(MlflowRecords.DELETED));
      ws.sync();
      assertEquals(List.of(r.id()), ws.search().search("optimizer:adam AND lr<=1e-3 AND val_accuracy>0.79", null, 0,
          10).ids());
      assertEquals(new MlflowImport.Result(1, 0, 2, 0), new MlflowImport(ws.store(), CLOCK).run(mlruns),
          "importing again skips the runs already there");
      assertEquals(Map.of("cifar-resnet", 2), ws.store().experimentCounts());
      DescentException missing = assertThrows(DescentException.class,
          () -> new MlflowImport(ws.store(), CLOCK).run(dir.resolve("nope")));
      assertTrue(missing.getMessage().contains("mlruns"), missing.getMessage());
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
