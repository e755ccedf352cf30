package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.core.experiment.ExperimentException;
import dev.descent.spi.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems only the data shows are found for every cell before a sweep records anything. */
class SweepPreflightTest {

  @Test
  void a_valid_sweep_passes() {
    SweepPreflight.check(SweepFiles.withBase("grid: {learning_rate: [0.01, 0.1]}\n"), "grid.yaml");
  }

  @Test
  void names_the_cells_whose_output_layer_does_not_fit_the_data() {
    Sweep sweep = SweepFiles.withBase("grid:\n  model.layers[2].units: [2, 3]\n");
    ExperimentException e = assertThrows(ExperimentException.class, () -> SweepPreflight.check(sweep, "grid.yaml"));
    assertEquals(List.of(new Problem("model.layers[2].units", "was 3, but dataset 'xor' has 2 classes: the output "
        + "layer needs 2 units (one per class) or 1 (a sigmoid unit) (in 1 of 2 cells, e.g. cell 1 "
        + "{model.layers[2].units=3})")), e.problems());
    assertEquals(2, e.code().exitCode());
  }

  @Test
  void a_problem_of_every_cell_is_reported_once_without_cell_numbers() {
    Sweep sweep = SweepFiles.parse(SweepFiles.BASE.replace("units: 2,", "units: 5,")
        + "grid: {learning_rate: [0.01, 0.1]}\n");
    ExperimentException e = assertThrows(ExperimentException.class, () -> SweepPreflight.check(sweep, "grid.yaml"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals("model.layers[2].units", e.problems().get(0).path());
  }
}
