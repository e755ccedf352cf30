package dev.descent.core.sweep;

import static dev.descent.core.sweep.SweepFiles.byPath;
import static dev.descent.core.sweep.SweepFiles.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a grid switches the optimizer, the file's optimizer params carry over to each optimizer that declares
 * them and are dropped, with a note, from one that does not.
 */
class OptimizerSwitchTest {
  private static final String BASE = SweepFiles.BASE.replace("optimizer: {name: adam, learning_rate: 0.01}",
      "optimizer: {name: adam, learning_rate: 0.01, amsgrad: true, weight_decay: 0.001}");

  private static Map<String, Object> params(Cell cell) {
    return cell.experiment().training().optimizer().params();
  }

  @Test
  void a_param_the_new_optimizer_lacks_is_dropped_with_a_note_and_a_shared_one_carries_over() {
    Sweep sweep = SweepFiles.parse(BASE + """
        grid:
          optimizer: [sgd, adam]
        """);
    Cell sgd = sweep.cells().get(0);
    Cell adam = sweep.cells().get(1);
    assertEquals("sgd", sgd.experiment().training().optimizer().name());
    assertFalse(params(sgd).containsKey("amsgrad"), params(sgd).toString());
    assertEquals(0.001, params(sgd).get("weight_decay"), "sgd declares weight_decay: it carries over");
    assertEquals(0.01, params(sgd).get("learning_rate"));
    assertEquals(List.of("training.optimizer.amsgrad: true dropped: the grid switched the optimizer to sgd,"
        + " which has no param 'amsgrad'"), sgd.notes());
    assertEquals(true, params(adam).get("amsgrad"), "the file's own optimizer keeps all its params");
    assertEquals(List.of(), adam.notes());
  }

  @Test
  void dry_run_shows_each_note_once_with_the_cells_it_concerns() {
    Sweep sweep = SweepFiles.parse(BASE + """
        grid:
          optimizer: [sgd, adam, rmsprop]
          learning_rate: [0.01, 0.1]
        """);
    List<String> lines = DryRunTable.format(sweep).lines().toList();
    assertEquals("6 cells: 3 optimizer x 2 learning_rate", lines.get(7));
    assertEquals(List.of(
        "note (2 cells): training.optimizer.amsgrad: true dropped: the grid switched the optimizer to sgd, which has no param 'amsgrad'",
        "note (2 cells): training.optimizer.amsgrad: true dropped: the grid switched the optimizer to rmsprop, which has no param 'amsgrad'"),
        lines.subList(8, lines.size()));
  }

  @Test
  void a_path_axis_on_the_optimizer_name_drops_the_same_way() {
    Sweep sweep = SweepFiles.parse(BASE + """
        grid:
          training.optimizer.name: [adam, sgd]
        """);
    assertFalse(params(sweep.cells().get(1)).containsKey("amsgrad"));
    assertEquals(1, sweep.cells().get(1).notes().size());
    assertTrue(sweep.cells().get(0).notes().isEmpty());
  }

  @Test
  void a_param_the_grid_entry_itself_gives_a_wrong_optimizer_is_still_refused() {
    var e = failure(BASE + """
        grid:
          optimizer: [adam, {name: sgd, amsgrad: true}]
        """);
    assertEquals(Map.of("grid.optimizer[1].amsgrad", "unknown parameter of optimizer 'sgd'; valid: learning_rate,"
        + " momentum, dampening, nesterov, weight_decay"), byPath(e));
  }
}
