package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepsCommandTest {
  @TempDir
  Path dir;

  @Test
  void a_sweep_runs_prints_its_summary_and_is_listed_with_counts() throws Exception {
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, """
        name: small-grid
        dataset: {name: moons, samples: 200, test_samples: 50}
        model:
          layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: sgd, epochs: 2, seed: 1}
        grid:
          optimizer: [sgd, adam]
          learning_rate: [0.01, 1e30]
        """);
    String store = dir.resolve("store").toString();
    CliRunner dry = CliRunner.run("run", file.toString(), "--dry-run", "--store", store);
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(dry.out().contains("4 cells"), dry.out());
    CliRunner run = CliRunner.run("run", file.toString(), "--store", store, "--workers", "2");
    assertEquals(0, run.exitCode(), "diverged cells are an outcome, not a failure: " + run.out() + run.err());
    assertTrue(run.out().contains("val_accuracy by optimizer x learning rate"), run.out());
    assertTrue(run.out().matches("(?s).*sgd\\s+\\S+\\s+div.*"), "the 1e30 column shows div: " + run.out());
    CliRunner json = CliRunner.run("run", file.toString(), "--store", store, "--json");
    JsonNode summary = Json.mapper().readTree(json.out());
    assertEquals(2, summary.get("counts").get("finished").asInt());
    assertEquals(2, summary.get("counts").get("diverged").asInt());
    assertTrue(json.err().contains("0 to run"), "the rerun runs nothing: " + json.err());
    JsonNode list = Json.mapper().readTree(CliRunner.run("sweeps", "list", "--json", "--store", store).out());
    assertEquals(1, list.size());
    assertEquals(4, list.get(0).get("total").asInt());
    String id = list.get(0).get("id").asText();
    assertEquals(summary.get("sweep").asText(), id);
    CliRunner show = CliRunner.run("sweeps", "show", id, "--store", store);
    assertEquals(0, show.exitCode(), show.err());
    assertTrue(show.out().contains("4 cells: finished 2  diverged 2"), show.out());
    assertTrue(show.out().contains("best by val_accuracy (max)"), "the objective the sweep recorded: " + show.out());
    JsonNode shown = Json.mapper().readTree(CliRunner.run("sweeps", "show", id, "--json", "--store", store).out());
    assertEquals("val_accuracy", shown.get("objective").get("metric").asText());
    assertEquals("[\"optimizer\",\"learning_rate\"]", shown.get("axes").toString());
    assertEquals(2, CliRunner.run("sweeps", "show", "nope", "--store", store).exitCode());
  }
}
