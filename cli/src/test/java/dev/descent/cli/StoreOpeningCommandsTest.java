package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which commands may create a store, and that no command starts a new store over a lost one. */
class StoreOpeningCommandsTest {
  @TempDir
  static Path dir;
  static Path experiment;
  static Path sweep;

  @BeforeAll
  static void files() throws IOException {
    String body = """
        name: tiny
        dataset: {name: moons, samples: 100, test_samples: 20}
        model:
          layers: [{type: dense, units: 4, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: sgd, epochs: 1, seed: 1}
        """;
    experiment = Files.writeString(dir.resolve("tiny.yaml"), body);
    sweep = Files.writeString(dir.resolve("grid.yaml"), body + "grid: {learning_rate: [0.01, 0.1]}\n");
  }

  /** Every file under {@code root} with its size and content hash: a refusal must leave it all as it was. */
  private static List<String> listing(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    if (Files.exists(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted().toList()) {
          out.add(root.relativize(p) + (Files.isRegularFile(p)
              ? " " + Files.size(p) + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)) : "/"));
        }
      }
    }
    return out;
  }

  /** A store with a run in it, its index and an artifact folder, then {@code runs.db} emptied or removed. */
  private static Path lostStore(String name, boolean delete) throws IOException {
    Path store = dir.resolve(name);
    CliRunner r = CliRunner.run("run", experiment.toString(), "--store", store.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isDirectory(store.resolve("index")));
    if (delete) {
      Files.delete(store.resolve("runs.db"));
    } else {
      Files.write(store.resolve("runs.db"), new byte[0]);
    }
    return store;
  }

  @Test
  void reading_commands_refuse_a_store_whose_database_is_empty_and_change_nothing() throws IOException {
    Path store = lostStore("emptied", false);
    List<String> before = listing(store);
    for (String[] command : List.of(new String[] {"runs", "list"}, new String[] {"runs", "reindex"},
        new String[] {"sweeps", "list"}, new String[] {"runs", "search", "status:finished"})) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--store", store.toString()));
      CliRunner r = CliRunner.run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), String.join(" ", command) + ": " + r.out() + r.err());
      assertTrue(r.err().contains("runs.db is empty") && r.err().contains("Restore runs.db from a backup"), r.err());
      assertFalse(r.out().contains("0 of 0"), r.out());
    }
    assertEquals(before, listing(store));
  }

  @Test
  void descent_run_refuses_a_store_whose_database_is_missing_and_creates_nothing() throws IOException {
    Path store = lostStore("deleted", true);
    List<String> before = listing(store);
    for (Path file : List.of(experiment, sweep)) {
      CliRunner r = CliRunner.run("run", file.toString(), "--store", store.toString());
      assertEquals(2, r.exitCode(), r.out() + r.err());
      assertTrue(r.err().contains("runs.db is missing") && r.err().contains("will not start a new store"), r.err());
    }
    assertEquals(before, listing(store));
  }

  @Test
  void a_reading_command_on_a_directory_that_does_not_exist_creates_nothing() {
    Path store = dir.resolve("typo/store");
    for (String command : List.of("list", "export")) {
      CliRunner r = CliRunner.run("runs", command, "--store", store.toString());
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("No run store at " + store) && r.err().contains("descent run FILE --store"), r.err());
    }
    assertFalse(Files.exists(dir.resolve("typo")));
  }

  @Test
  void a_dry_run_without_a_store_prints_the_cells_and_creates_nothing() {
    Path store = dir.resolve("not-yet");
    CliRunner r = CliRunner.run("run", sweep.toString(), "--dry-run", "--store", store.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ETA unknown"), r.out());
    assertFalse(Files.exists(store));
  }

  @Test
  void descent_run_creates_a_store_in_a_new_directory() {
    Path store = dir.resolve("fresh/store");
    CliRunner r = CliRunner.run("run", experiment.toString(), "--store", store.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.exists(store.resolve("runs.db")) && Files.exists(store.resolve("descent-store")));
    assertEquals(0, CliRunner.run("runs", "list", "--store", store.toString()).exitCode());
  }

  @Test
  void an_unknown_url_scheme_is_refused_listing_the_accepted_forms() {
    CliRunner r = CliRunner.run("runs", "list", "--store", "mysql://x");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("'mysql://'") && r.err().contains("postgresql://host:port/database"), r.err());
    assertFalse(Files.exists(Path.of("mysql:")));
  }
}
