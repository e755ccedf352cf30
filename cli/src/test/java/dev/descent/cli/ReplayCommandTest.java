package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  @TempDir
  Path dir;

  @Test
  void replay_of_a_finished_grid_prints_quartiles_as_json_and_exports_its_table() throws Exception {
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, """
        name: replay-grid
        dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.25}
        model:
          layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: sgd, epochs: 4, seed: 1}
        grid:
          optimizer: [sgd, adam]
          learning_rate: [0.001, 0.01, 0.1]
        objective: {metric: val_accuracy, mode: max}
        """);
    String store = dir.resolve("store").toString();
    CliRunner json = CliRunner.run("run", file.toString(), "--store", store, "--json");
    String id = Json.mapper().readTree(json.out()).get("sweep").asText();
    Path table = dir.resolve("table.json");
    CliRunner replay = CliRunner.run("sweeps", "replay", id, "--method", "tpe", "--pruner", "none", "--repeats", "5",
        "--json", "--export", table.toString(), "--store", store);
    assertEquals(0, replay.exitCode(), replay.err());
    JsonNode r = Json.mapper().readTree(replay.out());
    assertEquals(5, r.get("repeats").asInt());
    assertEquals(6, r.get("trials").asInt());
    double gridBest = r.get("grid_best").asDouble();
    assertEquals(gridBest, r.get("best").get("median").asDouble(), 1e-12, "every configuration tried, none pruned");
    assertEquals(1.0, r.get("epochs_fraction").get("q1").asDouble(), 1e-12);
    JsonNode exported = Json.mapper().readTree(table.toFile());
    assertEquals(6, exported.get("cells").size());
    assertEquals(r.get("grid_epochs").asLong(), exported.get("full_epochs").asLong());
    CliRunner text = CliRunner.run("sweeps", "replay", id, "--pruner", "asha", "--store", store);
    assertTrue(text.out().contains("tpe + asha, 6 trials, 30 repeats"), text.out());
    assertEquals(2, CliRunner.run("sweeps", "replay", id, "--method", "bayes", "--store", store).exitCode());
    assertEquals(2, CliRunner.run("sweeps", "replay", "nope", "--store", store).exitCode());
  }
}
