package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DryRunTableTest {

  @Test
  void prints_every_cell_aligned_with_its_id_axis_values_and_seed_then_the_count() {
    Sweep sweep = SweepFiles.withBase("""
        grid:
          optimizer: [sgd, {name: sgd, momentum: 0.9}]
          learning_rate: [0.0001, 0.1]
        seeds: [1, 2]
        """);
    List<String> lines = DryRunTable.format(sweep).lines().toList();
    assertEquals(1 + 8 + 1, lines.size(), String.join("\n", lines));
    assertEquals("#   id                optimizer           learning_rate  seed".replaceAll(" +", " "),
        lines.get(0).replaceAll(" +", " "));
    Cell last = sweep.cells().get(7);
    assertEquals("7  " + last.id() + "  sgd(momentum=0.9)            0.1     2", lines.get(8));
    assertTrue(lines.get(1).contains("  0.0001     1"), lines.get(1));
    assertEquals(lines.get(0).indexOf("seed") + 4, lines.get(1).length(), "numbers right-aligned under their header");
    assertEquals("8 cells: 2 optimizer x 2 learning_rate x 2 seeds", lines.get(9));
  }

  @Test
  void a_single_experiment_is_one_row() {
    String table = DryRunTable.format(SweepFiles.withBase(""));
    assertTrue(table.endsWith("\n1 cell\n"), table);
    assertTrue(table.startsWith("#  id                seed\n0  "), table);
  }

  @Test
  void eta_counts_waves_of_workers_and_formats_the_duration() {
    Eta eta = new Eta(60, 36, 2);
    assertEquals(1080, eta.seconds());
    assertEquals("about 18 min (60 cells x 36 s, 2 workers)", eta.format());
    assertEquals(72, new Eta(3, 36, 2).seconds(), "3 cells on 2 workers take two waves");
    assertEquals("0.4 s", Eta.duration(0.44));
    assertEquals("90 s", Eta.duration(90));
    assertEquals("1 h 05 min", Eta.duration(3900));
    assertThrows(IllegalArgumentException.class, () -> new Eta(1, 1, 0));
  }
}
