package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `descent run` records into a store; `descent runs ...` finds, shows, tags, exports and deletes. */
class RunsCommandTest {
  @TempDir
  static Path dir;
  static String store;
  static String adamId;
  static String sgdId;

  @BeforeAll
  static void two_runs() throws Exception {
    store = dir.resolve("store").toString();
    adamId = run("adam", "0.01", "baseline");
    sgdId = run("sgd", "1e-3", "slow");
  }

  private static String run(String optimizer, String lr, String tag) throws Exception {
    Path file = dir.resolve(optimizer + ".yaml");
    Files.writeString(file, """
        name: tiny-%s
        dataset: {name: moons, samples: 300, test_samples: 100}
        model:
          layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: {name: %s, learning_rate: %s}, epochs: 3, seed: 1}
        """.formatted(optimizer, optimizer, lr));
    CliRunner r = CliRunner.run("run", file.toString(), "--json", "--store", store, "--tag", tag);
    assertEquals(0, r.exitCode(), r.err());
    return Json.mapper().readTree(r.out()).get("id").asText();
  }

  private static JsonNode search(String query) throws Exception {
    CliRunner r = CliRunner.run("runs", "search", query, "--json", "--store", store, "--sort", "learning_rate:asc");
    assertEquals(0, r.exitCode(), r.err());
    return Json.mapper().readTree(r.out());
  }

  @Test
  void search_finds_runs_by_param_tag_and_exact_number() throws Exception {
    assertEquals(2, search("").get("total").asInt());
    JsonNode adam = search("optimizer:adam AND tag:baseline");
    assertEquals(1, adam.get("total").asInt());
    assertEquals(adamId, adam.get("runs").get(0).get("id").asText());
    JsonNode small = search("learning_rate<=1e-3");
    assertEquals(1, small.get("total").asInt());
    assertEquals(sgdId, small.get("runs").get(0).get("id").asText());
    assertEquals(3, small.get("runs").get(0).get("metrics").get("train_loss").get("epochs").asInt());
  }

  @Test
  void curve_fields_of_the_history_search_and_sort_from_the_command_line() throws Exception {
    // a validation accuracy is at least 0 from the first epoch, and never above 1
    CliRunner r = CliRunner.run("runs", "search", "val_accuracy.epochs_to(0):1 AND overfit_gap:[-1 TO 1]", "--json",
        "--store", store, "--sort", "val_accuracy.epochs_to(0):asc");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(2, Json.mapper().readTree(r.out()).get("total").asInt());
    assertEquals(0, search("val_accuracy.epochs_to(1.01)>=1").get("total").asInt());
    CliRunner bad = CliRunner.run("runs", "search", "val_accuracy.epochs_to(x)<=3", "--store", store);
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("column 24: the target of epochs_to must be a finite number"), bad.err());
  }

  @Test
  void a_bad_query_is_exit_2_with_the_position_and_known_fields() {
    CliRunner r = CliRunner.run("runs", "search", "optimizer:adam AND colour:red", "--store", store);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown field 'colour'") && r.err().contains("Known fields:"), r.err());
  }

  @Test
  void show_has_config_provenance_and_history() throws Exception {
    CliRunner r = CliRunner.run("runs", "show", adamId, "--store", store);
    assertEquals(0, r.exitCode(), r.err());
    JsonNode run = Json.mapper().readTree(r.out());
    assertEquals("finished", run.get("status").asText());
    assertEquals(3, run.get("history").get("val_loss").size());
    JsonNode plugins = run.get("provenance").get("plugins");
    assertEquals(4, plugins.size(), "relu, softmax, the loss and the optimizer: " + plugins);
    assertEquals("optimizer", plugins.get(3).get("kind").asText());
    assertEquals("adam", plugins.get(3).get("name").asText());
    assertTrue(run.get("provenance").get("backend").has("openblas_coretype"));
    assertEquals(2, CliRunner.run("runs", "show", "nope", "--store", store).exitCode());
  }

  @Test
  void evaluate_loads_the_saved_weights_and_reproduces_the_test_metrics() throws Exception {
    JsonNode shown = Json.mapper().readTree(CliRunner.run("runs", "show", adamId, "--store", store).out());
    double recorded = shown.get("test").get("test_accuracy").asDouble();
    CliRunner r = CliRunner.run("runs", "evaluate", adamId, "--store", store);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(String.format("test accuracy %.4f", recorded)), r.out() + " vs " + recorded);
    assertTrue(Files.exists(Path.of(store, "artifacts", adamId, "weights.f32")));
    assertEquals(2, CliRunner.run("runs", "evaluate", "nope", "--store", store).exitCode());
  }

  @Test
  void tag_note_export_and_delete_round_trip() throws Exception {
    Path other = dir.resolve("other");
    String s = other.toString();
    Path file = dir.resolve("adam.yaml");
    CliRunner r = CliRunner.run("run", file.toString(), "--json", "--store", s);
    String id = Json.mapper().readTree(r.out()).get("id").asText();
    assertEquals(0, CliRunner.run("runs", "tag", id, "keep", "--store", s).exitCode());
    assertEquals(0, CliRunner.run("runs", "note", id, "lr looks \"fine\", ok", "--store", s).exitCode());
    assertEquals(2, CliRunner.run("runs", "tag", id, "two words", "--store", s).exitCode());
    CliRunner csv = CliRunner.run("runs", "export", "tag:keep", "--format", "csv", "--store", s);
    assertTrue(csv.out().startsWith("id,experiment,sweep,status"), csv.out());
    assertTrue(csv.out().contains("\"lr looks \"\"fine\"\", ok\""), csv.out());
    assertEquals(0, CliRunner.run("runs", "delete", id, "--store", s).exitCode());
    CliRunner after = CliRunner.run("runs", "search", "tag:keep", "--json", "--store", s);
    assertEquals(0, Json.mapper().readTree(after.out()).get("total").asInt());
    CliRunner reindex = CliRunner.run("runs", "reindex", "--store", s);
    assertTrue(reindex.out().startsWith("reindexed 0 runs"), reindex.out());
  }
}
