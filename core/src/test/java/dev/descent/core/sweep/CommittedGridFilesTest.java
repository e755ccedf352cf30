package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.core.TestExperiments;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed sweep files expand to what their comments promise. */
class CommittedGridFilesTest {
  private static Sweep parse(String file) {
    return new SweepParser(TestExperiments.PLUGINS).parse(Path.of("..", "experiments", file));
  }

  @Test
  void fashion_mnist_grid_has_60_cells_of_five_optimizers_three_rates_two_batches_two_dropouts() {
    Sweep sweep = parse("fashion-mnist-grid.yaml");
    assertEquals(60, sweep.cells().size());
    assertEquals(List.of("optimizer", "learning_rate", "batch_size", "dropout"), sweep.axes());
    assertEquals("60 cells: 5 optimizer x 3 learning_rate x 2 batch_size x 2 dropout", DryRunTable.count(sweep));
    assertEquals(new Objective("val_accuracy", "max"), sweep.objective());
    assertEquals(Map.of("optimizer", "rmsprop", "learning_rate", 0.1, "batch_size", 256L, "dropout", 0.2),
        sweep.cells().get(59).axisValues());
    assertEquals(60, sweep.cells().stream().map(Cell::id).distinct().count());
  }

  @Test
  void quickstart_grid_has_24_cells_times_2_seeds() {
    Sweep sweep = parse("quickstart-grid.yaml");
    assertEquals(48, sweep.cells().size());
    assertEquals(List.of(1L, 2L), sweep.seeds());
    assertEquals("48 cells: 4 optimizer x 3 learning_rate x 2 batch_size x 2 seeds", DryRunTable.count(sweep));
  }
}
