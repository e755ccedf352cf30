package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SqliteRunStore;
import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep entered with `descent sweeps submit` and run by a `descent worker` that has only the store. */
class SweepSubmitCommandTest {
  private static final String GRID = """
      name: submitted
      dataset: {name: moons, samples: 120, test_samples: 40, validation_split: 0.25}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 2, seed: 1}
      grid:
        optimizer: [sgd, adam]
        learning_rate: [0.01, 0.1]
      """;

  @TempDir
  Path dir;

  private static Map<RunStatus, Long> statuses(Path store) {
    try (RunStore s = SqliteRunStore.open(store)) {
      return s.list(0, 100).stream().collect(Collectors.groupingBy(Run::status, Collectors.counting()));
    }
  }

  @Test
  void submit_queues_the_cells_once_and_a_worker_runs_them() throws Exception {
    Path file = Files.writeString(dir.resolve("grid.yaml"), GRID);
    Path store = dir.resolve("store");
    CliRunner first = CliRunner.run("sweeps", "submit", file.toString(), "--store", store.toString());
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains(": 4 cells queued, 0 already in the store"), first.out());
    String id = first.out().split("\\s+")[1];
    assertTrue(first.out().contains("descent worker --store " + store + " --sweep " + id), first.out());
    assertEquals(Map.of(RunStatus.QUEUED, 4L), statuses(store), "nothing ran");

    CliRunner again = CliRunner.run("sweeps", "submit", file.toString(), "--store", store.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains(": 0 cells queued, 4 already in the store"), again.out());

    CliRunner worker = CliRunner.run("worker", "--store", store.toString(), "--sweep", id, "--workers", "1",
        "--idle-exit", "1s");
    assertEquals(0, worker.exitCode(), worker.out() + worker.err());
    assertEquals(Map.of(RunStatus.FINISHED, 4L), statuses(store));
  }

  @Test
  void a_bad_file_is_refused_naming_the_field_and_creates_no_store() throws Exception {
    Path file = Files.writeString(dir.resolve("grid.yaml"), GRID.replace("[0.01, 0.1]", "[0.01, -1]"));
    Path store = dir.resolve("store");
    CliRunner r = CliRunner.run("sweeps", "submit", file.toString(), "--store", store.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("grid.yaml") && r.err().contains("learning_rate") && r.err().contains("-1"), r.err());
    assertFalse(Files.exists(store), "a refused file creates no store");
  }
}
