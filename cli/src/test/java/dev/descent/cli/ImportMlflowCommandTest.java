package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent runs import-mlflow}: an MLflow file store written by hand, imported, then found by runs search. */
class ImportMlflowCommandTest {
  @TempDir
  Path dir;

  @Test
  void imported_runs_are_found_by_runs_search_and_a_second_import_skips_them() throws Exception {
    Path run = dir.resolve("mlruns/3/5f0c2a9e8d7b4c3a2f1e0d9c8b7a6f5e");
    Files.createDirectories(run.resolve("params"));
    Files.createDirectories(run.resolve("metrics"));
    Files.writeString(dir.resolve("mlruns/3/meta.yaml"), "experiment_id: '3'\nname: keras-mnist\n"
        + "lifecycle_stage: active\nartifact_location: file:///tmp/mlruns/3\ncreation_time: 1700000000000\n");
    Files.writeString(run.resolve("meta.yaml"), "run_id: 5f0c2a9e8d7b4c3a2f1e0d9c8b7a6f5e\nexperiment_id: '3'\n"
        + "status: 3\nstart_time: 1700000000000\nend_time: 1700000060000\nlifecycle_stage: active\nuser_id: ada\n");
    Files.writeString(run.resolve("params/optimizer"), "rmsprop");
    Files.writeString(run.resolve("metrics/val_accuracy"), "1700000001000 0.91 0\n1700000002000 0.93 1\n");
    String store = dir.resolve("store").toString();

    CliRunner first = CliRunner.run("runs", "import-mlflow", dir.resolve("mlruns").toString(), "--store", store);
    assertEquals(0, first.exitCode(), first.err());
    assertEquals("Imported 1 runs (2 metric points) from 1 experiments in " + dir.resolve("mlruns"),
        first.out().trim());
    CliRunner search = CliRunner.run("runs", "search", "optimizer:rmsprop AND val_accuracy>0.92", "--json",
        "--store", store);
    assertEquals(0, search.exitCode(), search.err());
    assertTrue(search.out().contains("5f0c2a9e8d7b4c3a2f1e0d9c8b7a6f5e"), search.out());
    CliRunner again = CliRunner.run("runs", "import-mlflow", dir.resolve("mlruns").toString(), "--store", store);
    assertTrue(again.out().contains("Imported 0 runs") && again.out().contains("skipped 1 runs"), again.out());
    CliRunner missing = CliRunner.run("runs", "import-mlflow", dir.resolve("none").toString(), "--store", store);
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("No MLflow file store"), missing.err());
  }
}
