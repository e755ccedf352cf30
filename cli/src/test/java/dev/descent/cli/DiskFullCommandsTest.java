package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent run} of a sweep on a disk that fills: one clear message, exit 1, no stack trace; reads go on. */
class DiskFullCommandsTest {
  @TempDir
  Path dir;

  @Test
  void a_sweep_on_a_full_disk_exits_1_with_the_cause_and_no_stack_trace() throws Exception {
    String body = """
        name: full
        dataset: {name: moons, samples: 200, test_samples: 50}
        model:
          layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: sgd, batch_size: 16, epochs: 8, seed: 1}
        """;
    Path single = Files.writeString(dir.resolve("one.yaml"), body);
    Path grid = Files.writeString(dir.resolve("grid.yaml"), body + "grid: {learning_rate: [0.01, 0.03, 0.1, 0.3]}\n");
    try (Tmpfs fs = Tmpfs.mount(dir, "3m")) {
      String store = fs.dir().resolve("store").toString();
      CliRunner first = CliRunner.run("run", single.toString(), "--store", store, "--json");
      assertEquals(0, first.exitCode(), first.err());
      String runId = dev.descent.core.Json.mapper().readTree(first.out()).get("id").asText();
      fs.fill(500_000); // room for the sweep's start, not for its 32 epochs
      CliRunner r = CliRunner.run("run", grid.toString(), "--store", store, "--workers", "2");
      assertEquals(1, r.exitCode(), r.out() + r.err());
      assertTrue(r.err().contains("the store's disk is full (") && r.err().contains("free space and run the command again"),
          r.err());
      assertFalse(r.err().contains("Exception in thread") || r.err().contains("\tat "), "no stack trace: " + r.err());
      CliRunner list = CliRunner.run("runs", "list", "--store", store);
      assertEquals(0, list.exitCode(), "reads go on while the disk is full: " + list.err());
      assertTrue(list.out().contains(runId), list.out());
      fs.fill(0);
      CliRunner note = CliRunner.run("runs", "note", runId, "a note too many", "--store", store);
      assertEquals(1, note.exitCode(), note.out() + note.err());
      assertTrue(note.err().contains("the store's disk is full (") && !note.err().contains("\tat "), note.err());
      CliRunner show = CliRunner.run("runs", "show", runId, "--store", store);
      assertEquals(0, show.exitCode(), show.err());
    }
  }
}
