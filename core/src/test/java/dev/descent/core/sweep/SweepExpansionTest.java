package dev.descent.core.sweep;

import static dev.descent.core.sweep.SweepFiles.withBase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.descent.core.experiment.LayerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepExpansionTest {

  @Test
  void a_file_without_a_grid_is_a_sweep_of_one_cell() {
    Sweep sweep = withBase("");
    assertEquals(1, sweep.cells().size());
    assertEquals(List.of(), sweep.axes());
    assertEquals(List.of(5L), sweep.seeds());
    assertEquals(5L, sweep.cells().get(0).seed());
    assertEquals("grid-test", sweep.name());
    assertEquals(new Objective("val_accuracy", "max"), sweep.objective(), "the default for classification");
  }

  @Test
  void expands_the_cartesian_product_optimizer_major_then_file_order() {
    Sweep sweep = withBase("""
        grid:
          learning_rate: [0.001, 0.01, 0.1]
          batch_size: [16, 64]
          optimizer: [sgd, adam]
        """);
    assertEquals(12, sweep.cells().size());
    assertEquals(List.of("optimizer", "learning_rate", "batch_size"), sweep.axes());
    assertEquals(Map.of("optimizer", "sgd", "learning_rate", 0.001, "batch_size", 16L),
        sweep.cells().get(0).axisValues());
    assertEquals(Map.of("optimizer", "sgd", "learning_rate", 0.001, "batch_size", 64L),
        sweep.cells().get(1).axisValues());
    assertEquals(Map.of("optimizer", "adam", "learning_rate", 0.1, "batch_size", 64L),
        sweep.cells().get(11).axisValues());
    for (int i = 0; i < 12; i++) {
      Cell cell = sweep.cells().get(i);
      assertEquals(i, cell.index());
      assertEquals(cell.axisValues().get("optimizer"), cell.experiment().training().optimizer().name());
      assertEquals(cell.axisValues().get("learning_rate"),
          cell.experiment().training().optimizer().params().get("learning_rate"));
      assertEquals(((Long) cell.axisValues().get("batch_size")).intValue(), cell.experiment().training().batchSize());
    }
  }

  @Test
  void seeds_as_a_list_repeat_every_cell_with_the_seed_varying_fastest() {
    Sweep sweep = withBase("""
        grid: {optimizer: [sgd, adam]}
        seeds: [1, 2, 3]
        """);
    assertEquals(6, sweep.cells().size());
    assertEquals(List.of(1L, 2L, 3L), sweep.seeds());
    assertEquals(List.of(1L, 2L, 3L, 1L, 2L, 3L), sweep.cells().stream().map(Cell::seed).toList());
    assertEquals(3L, sweep.cells().get(2).experiment().training().seed());
    assertEquals("sgd", sweep.cells().get(2).axisValues().get("optimizer"));
    assertEquals(List.of("optimizer"), sweep.axes(), "seeds are not an axis");
  }

  @Test
  void seeds_as_a_count_start_at_the_files_seed() {
    Sweep sweep = withBase("seeds: 3\n");
    assertEquals(List.of(5L, 6L, 7L), sweep.cells().stream().map(Cell::seed).toList());
    assertEquals(withBase("").cells().get(0).id(), sweep.cells().get(0).id(),
        "adding seeds: n keeps the file's own run as the first replica");
  }

  @Test
  void dropout_axis_sets_the_rate_of_every_dropout_layer() {
    Sweep sweep = SweepFiles.parse(SweepFiles.BASE.replace(
        "- {type: dense, units: 2, activation: softmax}",
        "- {type: dense, units: 8, activation: relu}\n    - {type: dropout, rate: 0.4}\n"
            + "    - {type: dense, units: 2, activation: softmax}") + "grid: {dropout: [0.0, 0.3]}\n");
    assertEquals(2, sweep.cells().size());
    List<LayerSpec> layers = sweep.cells().get(1).experiment().model().layers();
    assertEquals(new LayerSpec.Dropout(0.3), layers.get(1));
    assertEquals(new LayerSpec.Dropout(0.3), layers.get(3));
    assertEquals(0.0, sweep.cells().get(0).axisValues().get("dropout"));
  }

  @Test
  void dotted_paths_set_any_field_including_a_plugins_parameters() {
    Sweep sweep = withBase("""
        grid:
          model.layers[0].units: [4, 16]
          training.optimizer.beta1: [0.8, 0.95]
          model.layers[0].activation.negative_slope: [0.1]
          model.layers[0].activation.name: [leaky_relu]
        """);
    assertEquals(4, sweep.cells().size());
    Cell last = sweep.cells().get(3);
    LayerSpec.Dense first = assertInstanceOf(LayerSpec.Dense.class, last.experiment().model().layers().get(0));
    assertEquals(16, first.units());
    assertEquals("leaky_relu", first.activation().name());
    assertEquals(0.1, first.activation().params().get("negative_slope"));
    assertEquals(0.95, last.experiment().training().optimizer().params().get("beta1"));
    assertEquals(16L, last.axisValues().get("model.layers[0].units"));
  }

  @Test
  void optimizer_entries_carry_their_own_parameters_and_the_learning_rate_axis_applies_to_each() {
    Sweep sweep = withBase("""
        grid:
          optimizer: [adam, {name: sgd, momentum: 0.9, nesterov: true}]
          learning_rate: [0.05]
        """);
    assertEquals("sgd(momentum=0.9, nesterov=true)", sweep.cells().get(1).axisValues().get("optimizer"));
    Map<String, Object> sgd = sweep.cells().get(1).experiment().training().optimizer().params();
    assertEquals(0.9, sgd.get("momentum"));
    assertEquals(true, sgd.get("nesterov"));
    assertEquals(0.05, sgd.get("learning_rate"));
    assertEquals(0.05, sweep.cells().get(0).experiment().training().optimizer().params().get("learning_rate"));
  }

  @Test
  void an_optimizer_axis_keeps_the_files_learning_rate_unless_something_sets_one() {
    Sweep sweep = withBase("grid: {optimizer: [sgd, {name: rmsprop, learning_rate: 0.002}]}\n");
    assertEquals(0.01, sweep.cells().get(0).experiment().training().optimizer().params().get("learning_rate"));
    assertEquals(0.002, sweep.cells().get(1).experiment().training().optimizer().params().get("learning_rate"));
  }

  @Test
  void the_objective_is_read_and_its_mode_inferred_from_the_metric() {
    assertEquals(new Objective("val_loss", "min"), withBase("objective: {metric: val_loss}\n").objective());
    assertEquals(new Objective("test_accuracy", "max"), withBase("objective: {metric: test_accuracy}\n").objective());
    assertEquals(new Objective("train_loss", "max"),
        withBase("objective: {metric: train_loss, mode: max}\n").objective());
    assertNotEquals(withBase("objective: {metric: val_loss}\n").id(), withBase("").id(),
        "the objective is part of a sweep's identity");
  }
}
