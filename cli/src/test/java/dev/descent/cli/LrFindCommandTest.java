package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import dev.descent.core.store.Run;
import dev.descent.core.tracking.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LrFindCommandTest {
  private static final String EXPERIMENT = """
      name: lr-moons
      dataset: {name: moons, samples: 2000, test_samples: 50}
      model:
        layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: adam, batch_size: 16, epochs: 1, seed: 1}
      """;

  @TempDir
  Path dir;

  @Test
  void draws_the_curve_suggests_a_rate_and_keeps_the_test_as_a_tagged_run() throws Exception {
    Path file = dir.resolve("lr.yaml");
    Files.writeString(file, EXPERIMENT);
    String store = dir.resolve("store").toString();
    CliRunner text = CliRunner.run("lr-find", file.toString(), "--store", store);
    assertEquals(0, text.exitCode(), text.out() + text.err());
    assertTrue(text.out().contains("smoothed loss against learning rate (log scale)"), text.out());
    assertTrue(text.out().matches("(?s).*\\n  *└─+\\n.*1e-7.*1e-1.*"), "a log axis with decade ticks: " + text.out());
    assertTrue(text.out().contains("suggested learning rate "), text.out());
    assertTrue(text.out().contains("steepest descent of the smoothed loss"), "the rule is stated: " + text.out());

    JsonNode json = Json.mapper().readTree(CliRunner.run("lr-find", file.toString(), "--store", store, "--json").out());
    double lr = json.get("suggested_lr").asDouble();
    assertTrue(lr > 1e-7 && lr < 10, json.toString());
    String id = json.get("id").asText();
    try (Workspace ws = Workspace.open(store, null, Clock.systemUTC())) {
      Run run = ws.store().get(id).orElseThrow();
      assertTrue(run.tags().contains("lr-find"));
      assertTrue(run.note().startsWith("lr-find: suggested learning rate "), run.note());
      assertEquals(json.get("steps").asInt(), ws.store().metrics(id, List.of("lr")).size());
      assertEquals(lr, ws.store().metrics(id, List.of("suggested_lr")).get(0).value(), 0);
    }
  }

  @Test
  void refuses_a_grid_with_a_clear_message() throws Exception {
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, EXPERIMENT + "grid: {learning_rate: [0.01, 0.1]}\n");
    CliRunner r = CliRunner.run("lr-find", file.toString(), "--store", dir.resolve("s").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("has 2 cells") && r.err().contains("lr-find tests one configuration"), r.err());
  }
}
