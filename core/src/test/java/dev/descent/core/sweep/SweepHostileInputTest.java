package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.experiment.ExperimentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files go through the same input boundary as experiments, plus the limits of expanding a grid. */
class SweepHostileInputTest {

  @Test
  void refuses_nan_and_infinity_on_every_kind_of_axis() {
    Map<String, String> p = SweepFiles.byPath(SweepFiles.failure(SweepFiles.BASE + """
        grid:
          learning_rate: [0.01, .nan]
          dropout: [.inf, 0.1]
          batch_size: [.nan, 8]
          training.optimizer.beta1: [0.9, .nan]
          dataset.noise: [.nan, 0.1]
        seeds: [1, .nan]
        """));
    assertEquals("was NaN, must be > 0", p.get("grid.learning_rate[1]"), p.toString());
    assertEquals("was Infinity, must be a number in [0, 1)", p.get("grid.dropout[0]"), p.toString());
    assertTrue(p.get("grid.batch_size[0]").startsWith("was NaN, must be an integer"), p.toString());
    assertTrue(p.get("grid.training.optimizer.beta1[1]").startsWith("was NaN, must be a real number"), p.toString());
    assertTrue(p.get("grid.dataset.noise[0]").startsWith("was NaN, must be a number in [0, inf)"), p.toString());
    assertTrue(p.get("seeds[1]").startsWith("was NaN, must be an integer"), p.toString());
  }

  @Test
  void a_repeated_axis_is_refused_instead_of_the_last_one_winning() {
    Map<String, String> p = SweepFiles.byPath(SweepFiles.failure(SweepFiles.BASE
        + "grid:\n  learning_rate: [0.1]\n  learning_rate: [0.01, 0.001]\n"));
    assertTrue(p.get("grid.learning_rate").startsWith("repeats the key 'learning_rate' of line "), p.toString());
  }

  @Test
  void refuses_non_text_axis_names_and_recursive_axis_values() {
    Map<String, String> p = SweepFiles.byPath(SweepFiles.failure(SweepFiles.BASE
        + "grid:\n  1: [a, b]\n  dataset.noise: &n [0.1, *n]\n"));
    assertTrue(p.get("grid").startsWith("has the key 1, which is a number"), p.toString());
    assertTrue(p.get("grid.dataset.noise[1]").startsWith("is a recursive alias"), p.toString());
  }

  @Test
  void refuses_a_grid_whose_cells_would_copy_millions_of_values() {
    String columns = IntStream.range(0, 1000).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
    String lrs = IntStream.range(1, 101).mapToObj(i -> Double.toString(i / 1000.0)).collect(Collectors.joining(", "));
    String sizes = IntStream.range(1, 101).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    ExperimentException e = SweepFiles.failure(SweepFiles.BASE.replace("test_samples: 50}",
        "test_samples: 50, feature_columns: [" + columns + "]}") + "grid:\n  learning_rate: [" + lrs
        + "]\n  batch_size: [" + sizes + "]\n");
    String message = SweepFiles.byPath(e).get("grid");
    assertTrue(message.startsWith("expands to 10000 cells of "), message);
    assertTrue(message.contains("more than the 5000000 values a sweep may expand to"), message);
  }

  @Test
  void a_sweep_file_is_read_through_the_size_cap(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("big.yaml"), SweepFiles.BASE + "# " + "x".repeat(1 << 20) + "\n");
    ExperimentException e = org.junit.jupiter.api.Assertions.assertThrows(ExperimentException.class,
        () -> new SweepParser(dev.descent.core.TestExperiments.PLUGINS).parse(file));
    assertTrue(e.getMessage().contains("the limit for an experiment file is 1048576 bytes"), e.getMessage());
  }
}
