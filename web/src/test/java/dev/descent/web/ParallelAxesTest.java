package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.core.store.Run;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.train.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ParallelAxesTest {
  private static Run run(String sweep, Map<String, Object> params) {
    return new Run("r" + params.hashCode(), "e", sweep, RunStatus.FINISHED, Map.of(), params, Map.of(), Instant.EPOCH,
        null, null, null, null, new TreeSet<>(), null, Map.of(), Map.of(), 0);
  }

  /** adam (eps 1e-8) and adagrad (eps 1e-10) at two learning rates and two seeds, batch 32 throughout. */
  private static List<Run> adamAndAdagrad(String sweep) {
    List<Run> runs = new ArrayList<>();
    for (String opt : List.of("adam", "adagrad")) {
      for (double lr : List.of(0.01, 0.1)) {
        for (long seed : List.of(1L, 2L)) {
          runs.add(run(sweep, Map.of("optimizer", opt, "learning_rate", lr, "seed", seed, "batch_size", 32L,
              "eps", opt.equals("adam") ? 1e-8 : 1e-10, "initial_accumulator_value", 0.0)));
        }
      }
    }
    return runs;
  }

  private static List<String> axes(List<Run> runs, Map<String, SweepInfo> sweeps) {
    return ParallelAxes.of(runs, CompareApi.paramNames(runs), id -> Optional.ofNullable(sweeps.get(id)));
  }

  @Test
  void outside_a_sweep_the_varying_params_without_the_seed_or_a_default_that_follows_the_optimizer() {
    assertEquals(List.of("optimizer", "learning_rate"), axes(adamAndAdagrad(null), Map.of()));
  }

  @Test
  void an_optimizer_param_that_varies_within_one_optimizer_is_a_choice_and_gets_an_axis() {
    List<Run> runs = new ArrayList<>(adamAndAdagrad(null));
    runs.add(run(null, Map.of("optimizer", "adam", "learning_rate", 0.01, "seed", 1L, "batch_size", 32L,
        "eps", 1e-6)));
    assertEquals(List.of("optimizer", "learning_rate", "eps"), axes(runs, Map.of()));
  }

  @Test
  void runs_of_a_recorded_sweep_get_its_axes_in_its_order() {
    SweepInfo info = new SweepInfo("s1", "grid", "val_accuracy", "max", List.of("learning_rate", "optimizer",
        "training.batch_size"), Instant.EPOCH);
    assertEquals(List.of("learning_rate", "optimizer"), axes(adamAndAdagrad("s1"), Map.of("s1", info)),
        "batch_size is an axis of the sweep but takes one value among these runs");
  }

  @Test
  void a_dotted_axis_maps_to_the_param_it_sets() {
    List<Run> runs = List.of(
        run("s2", Map.of("optimizer", "sgd", "momentum", 0.0, "hidden_units", "8-2", "seed", 1L)),
        run("s2", Map.of("optimizer", "sgd", "momentum", 0.9, "hidden_units", "16-2", "seed", 1L)));
    SweepInfo info = new SweepInfo("s2", "grid", "val_accuracy", "max",
        List.of("training.optimizer.momentum", "model.layers[0].units"), Instant.EPOCH);
    assertEquals(List.of("momentum", "hidden_units"), axes(runs, Map.of("s2", info)));
  }
}
