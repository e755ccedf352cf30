package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

  @TempDir
  Path store;

  @Test
  void quickstart_runs_and_prints_a_json_result() throws Exception {
    CliRunner r = CliRunner.run("run", "../experiments/quickstart.yaml", "--json", "--store", store.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = Json.mapper().readTree(r.out());
    assertEquals("finished", json.get("status").asText());
    assertTrue(json.get("test").get("accuracy").asDouble() > 0.9, r.out());
    assertTrue(json.get("epochs").size() >= 1);
    assertTrue(json.get("epochs").get(0).has("val_accuracy"));
    assertEquals("cpu", json.get("backend").get("backend").asText());
    assertEquals("adam", json.get("config").get("training").get("optimizer").get("name").asText());
    assertTrue(r.err().contains("epoch 1/"), "progress goes to stderr with --json: " + r.err());
  }

  @Test
  void a_bad_file_lists_every_problem_and_exits_2_without_a_stack_trace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        name: bad
        dataset: {name: spirals}
        model:
          layers: [{type: dense, units: 10, activation: relu6}]
          loss: softmax_cross_entropy
        training: {optimizer: {name: sgd, learning_rate: -1}}
        """);
    CliRunner r = CliRunner.run("run", file.toString(), "--store", store.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains(file + ": 3 problems"), r.err());
    assertTrue(r.err().contains("model.layers[0].activation: unknown activation 'relu6'; available: "), r.err());
    assertTrue(r.err().contains("training.optimizer.learning_rate: was -1"), r.err());
    assertTrue(r.err().contains("training.epochs: missing"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void a_diverging_run_exits_1_and_says_where(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("diverge.yaml");
    Files.writeString(file, """
        name: diverge
        dataset: {name: moons, samples: 400}
        model:
          layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: {name: sgd, learning_rate: 1e30}, epochs: 3}
        """);
    CliRunner r = CliRunner.run("run", file.toString(), "--store", store.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("diverge: diverged after"), r.out());
    assertTrue(r.out().matches("(?s).*loss became (NaN|Infinity|-Infinity) at epoch 1, batch \\d+.*"), r.out());
  }

  @Test
  void a_missing_file_is_an_input_error() {
    CliRunner r = CliRunner.run("run", "no/such/file.yaml", "--store", store.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("no/such/file.yaml"), r.err());
  }
}
