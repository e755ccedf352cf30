package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `descent runs export` writes doubles as people and Python read them: 1e-08, 0.0001, never Java's 1.0E-8. */
class ExportNumbersTest {
  @TempDir
  static Path dir;

  static String store;

  @BeforeAll
  static void one_adam_run_at_a_small_learning_rate() throws Exception {
    store = dir.resolve("store").toString();
    Path file = dir.resolve("adam.yaml");
    Files.writeString(file, """
        name: tiny-export
        dataset: {name: moons, samples: 200, test_samples: 50}
        model:
          layers: [{type: dense, units: 4, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: {name: adam, learning_rate: 0.0001}, epochs: 1, seed: 1}
        """);
    CliRunner r = CliRunner.run("run", file.toString(), "--json", "--store", store);
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void csv_writes_eps_as_1e_08_and_the_learning_rate_in_plain_decimal() {
    CliRunner csv = CliRunner.run("runs", "export", "--format", "csv", "--store", store);
    assertEquals(0, csv.exitCode(), csv.err());
    List<String> lines = csv.out().lines().toList();
    List<String> header = Arrays.asList(lines.get(0).split(","));
    List<String> row = Arrays.asList(lines.get(1).split(","));
    assertEquals("1e-08", row.get(header.indexOf("eps")), csv.out());
    assertEquals("0.0001", row.get(header.indexOf("learning_rate")), csv.out());
    assertFalse(csv.out().matches("(?s).*\\dE-\\d.*"), "no Java exponent form: " + csv.out());
  }

  @Test
  void json_writes_the_same_numbers_and_they_read_back_exactly() throws Exception {
    CliRunner json = CliRunner.run("runs", "export", "--format", "json", "--store", store);
    assertEquals(0, json.exitCode(), json.err());
    assertTrue(json.out().contains("\"eps\":1e-08"), json.out());
    assertFalse(json.out().matches("(?s).*\\dE-\\d.*"), "no Java exponent form: " + json.out());
    JsonNode run = Json.mapper().readTree(json.out()).get(0);
    assertEquals(1e-8, run.get("params").get("eps").asDouble());
    assertEquals(0.0001, run.get("params").get("learning_rate").asDouble());
  }
}
