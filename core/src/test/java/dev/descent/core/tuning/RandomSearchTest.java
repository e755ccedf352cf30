package dev.descent.core.tuning;

import static dev.descent.core.sweep.SweepFiles.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.sweep.SweepFiles;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.Sweep;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomSearchTest {
  private static final String SEARCH = BASE + """
      search:
        method: random
        trials: 12
        seed: 7
        space:
          optimizer: [sgd, adam]
          learning_rate: {log_uniform: [1.0e-4, 0.3]}
          batch_size: {int_uniform: [16, 64], step: 16}
          dropout: {uniform: [0.0, 0.5], step: 0.1}
          training.optimizer.momentum: {uniform: [0.0, 0.99], when: {optimizer: sgd}}
      seeds: [1, 2]
      """;

  @Test
  void the_same_file_gives_the_same_trials_and_ids() {
    Sweep a = SweepFiles.parse(SEARCH);
    Sweep b = SweepFiles.parse(SEARCH);
    assertEquals(a.id(), b.id());
    assertEquals(a.cells().stream().map(Cell::id).toList(), b.cells().stream().map(Cell::id).toList());
    assertEquals(24, a.cells().size(), "trials x seeds");
    assertEquals(24, new HashSet<>(a.cells().stream().map(Cell::id).toList()).size(), "no trial twice");
  }

  @Test
  void another_sampler_seed_gives_other_trials() {
    Sweep a = SweepFiles.parse(SEARCH);
    Sweep b = SweepFiles.parse(SEARCH.replace("seed: 7", "seed: 8"));
    assertNotEquals(a.id(), b.id());
    assertNotEquals(a.cells().get(0).id(), b.cells().get(0).id());
  }

  @Test
  void values_respect_ranges_steps_and_conditions() {
    for (Cell c : SweepFiles.parse(SEARCH).cells()) {
      Map<String, Object> v = c.axisValues();
      double lr = ((Number) v.get("learning_rate")).doubleValue();
      assertTrue(lr >= 1e-4 && lr <= 0.3, v.toString());
      long batch = ((Number) v.get("batch_size")).longValue();
      assertTrue(List.of(16L, 32L, 48L, 64L).contains(batch), v.toString());
      double dropout = ((Number) v.get("dropout")).doubleValue();
      assertEquals(Math.round(dropout * 10) / 10.0, dropout, 1e-9, v.toString());
      assertEquals("sgd".equals(v.get("optimizer")), v.containsKey("training.optimizer.momentum"), v.toString());
      assertEquals(lr, c.experiment().training().optimizer().params().get("learning_rate"));
    }
  }

  @Test
  void a_trial_has_the_id_of_the_grid_cell_of_the_same_configuration() {
    Cell trial = SweepFiles.parse(SEARCH).cells().get(0);
    Map<String, Object> v = trial.axisValues();
    StringBuilder grid = new StringBuilder("grid:\n");
    v.forEach((k, x) -> grid.append("  ").append(k).append(": [").append(x).append("]\n"));
    Sweep asGrid = SweepFiles.parse(BASE + grid + "seeds: [1, 2]\n");
    assertEquals(trial.id(), asGrid.cells().get(0).id());
  }

  @Test
  void trial_i_does_not_depend_on_how_many_trials_follow() {
    List<String> twelve = SweepFiles.parse(SEARCH).cells().stream().map(Cell::id).toList();
    List<String> three = SweepFiles.parse(SEARCH.replace("trials: 12", "trials: 3")).cells().stream()
        .map(Cell::id).toList();
    assertEquals(twelve.subList(0, 6), three);
    assertEquals("none", SweepFiles.parse(SEARCH).plan().pruner());
  }
}
