package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepAnalyzeCommandTest {
  @TempDir
  Path dir;

  @Test
  void analyze_names_what_matters_and_judges_the_winner_in_text_json_and_the_run_summary() throws Exception {
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, """
        name: analyze-grid
        dataset: {name: moons, samples: 200, test_samples: 50}
        model:
          layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: sgd, epochs: 3, seed: 1}
        grid:
          optimizer: [sgd, adam]
          learning_rate: [0.0001, 0.05]
        seeds: [1, 2, 3]
        """);
    String store = dir.resolve("store").toString();
    CliRunner run = CliRunner.run("run", file.toString(), "--store", store);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("what matters for val_accuracy, and is the winner real:"), run.out());
    String id = Json.mapper().readTree(CliRunner.run("sweeps", "list", "--json", "--store", store).out())
        .get(0).get("id").asText();

    CliRunner text = CliRunner.run("sweeps", "analyze", id, "--store", store);
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("12 runs over optimizer × learning_rate, by val_accuracy (max)"), text.out());
    assertTrue(text.out().matches("(?s).* explains \\S+ of the variance.*"), text.out());
    assertTrue(text.out().contains("Type II sums of squares"), text.out());
    assertTrue(text.out().matches("(?s).*\\n  \\S.* (beats|ties with) .*with 3 seeds that is .*"), text.out());

    JsonNode json = Json.mapper().readTree(CliRunner.run("sweeps", "analyze", id, "--json", "--store", store).out());
    assertEquals("val_accuracy", json.get("objective").get("metric").asText());
    List<String> terms = new ArrayList<>();
    json.get("anova").forEach(r -> terms.add(r.get("term").asText()));
    assertEquals(List.of("optimizer", "learning_rate", "optimizer:learning_rate", "Residual"), terms);
    JsonNode lr = json.get("anova").get(1);
    assertEquals(1, lr.get("df").asInt());
    assertTrue(lr.get("F").isNumber() && lr.get("p").isNumber() && lr.get("partial_eta_sq").isNumber(), lr.toString());
    assertEquals(8, json.get("anova").get(3).get("df").asInt(), "12 runs - 4 cells");
    assertEquals(3, json.get("comparisons").size());

    assertEquals(2, CliRunner.run("sweeps", "analyze", "nope", "--store", store).exitCode());
  }
}
