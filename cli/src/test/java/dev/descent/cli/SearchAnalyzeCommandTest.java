package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchAnalyzeCommandTest {
  @TempDir
  Path dir;

  @Test
  void analyze_ranks_a_random_search_by_ped_anova_instead_of_the_factorial_anova() throws Exception {
    Path file = dir.resolve("search.yaml");
    Files.writeString(file, """
        name: analyze-search
        dataset: {name: moons, samples: 200, test_samples: 50}
        model:
          layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: sgd, epochs: 2, seed: 1}
        search:
          method: random
          trials: 12
          seed: 3
          space:
            learning_rate: {log_uniform: [1.0e-4, 1.0]}
            optimizer: [sgd, adam]
        objective: {metric: val_accuracy, mode: max}
        """);
    String store = dir.resolve("store").toString();
    CliRunner run = CliRunner.run("run", file.toString(), "--store", store);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    String id = Json.mapper().readTree(CliRunner.run("sweeps", "list", "--json", "--store", store).out())
        .get(0).get("id").asText();

    CliRunner text = CliRunner.run("sweeps", "analyze", id, "--store", store);
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().matches("(?s).*\\n  (learning_rate|optimizer) [<>]?\\d+%, (learning_rate|optimizer) [<>]?\\d+%"
        + " \\(PED-ANOVA over the top 10% of 12 trials\\).*"), text.out());
    assertFalse(text.out().contains("of the variance"), text.out());
    assertFalse(text.out().contains("partial η²"), "no ANOVA table for a search: " + text.out());

    JsonNode json = Json.mapper().readTree(CliRunner.run("sweeps", "analyze", id, "--json", "--store", store).out());
    assertEquals(0, json.get("anova").size());
    List<String> params = new ArrayList<>();
    double sum = 0;
    for (JsonNode r : json.get("importance")) {
      params.add(r.get("param").asText());
      sum += r.get("importance").asDouble();
    }
    assertEquals(List.of("learning_rate", "optimizer"), params.stream().sorted().toList());
    assertEquals(1.0, sum, 1e-9);
    assertEquals("PED-ANOVA over the top 10% of 12 trials", json.get("importance_method").asText());
  }
}
