package dev.descent.core.tuning;

import static dev.descent.core.sweep.SweepFiles.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.sweep.SweepFiles;
import dev.descent.core.experiment.ExperimentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchValidationTest {

  @Test
  void reports_every_problem_of_the_search_at_once_with_its_path() {
    Map<String, String> p = SweepFiles.problems(BASE + """
        search:
          method: bayes
          trials: 0
          space:
            learning_rate: {log_uniform: [0, 0.3]}
            dropout: {uniform: [0.5, 0.1]}
            batch_size: {int_uniform: [16, 64], step: 2.5}
            units: {int_log_uniform: [8, 64], step: 2}
            momentum: {normal: [0, 1]}
            training.optimizer.momentum: {uniform: [0.0, 0.9], when: {optimizer: sgd}}
            training.optimizer.beta1: {uniform: [0.8, 0.99], when: {kind: adam}}
            optimizer: [sgd, adam, sgd]
        pruner: {method: hyperband}
        budget: {time: soon}
        """);
    assertEquals("was 0, must be > 0", p.get("search.space.learning_rate.log_uniform[0]"), p.toString());
    assertTrue(p.get("search.method").contains("must be random or tpe"), p.toString());
    assertTrue(p.get("search.trials").contains("was 0, must be an integer in [1, 10000]"), p.toString());
    assertTrue(p.get("search.space.dropout.uniform").contains("low must be below high"), p.toString());
    assertTrue(p.get("search.space.batch_size.step").contains("an integer >= 1"), p.toString());
    assertTrue(p.get("search.space.units.step").contains("a log distribution has no step"), p.toString());
    assertTrue(p.get("search.space.momentum").startsWith("names no distribution"), p.toString());
    assertTrue(p.get("search.space.momentum.normal").startsWith("unknown field"), p.toString());
    assertTrue(p.get("search.space.training.optimizer.beta1.when.kind").contains("names no categorical"), p.toString());
    assertTrue(p.get("search.space.optimizer[2]").contains("repeats search.space.optimizer[0]"), p.toString());
    assertTrue(p.get("pruner.method").contains("must be asha, median or none"), p.toString());
    assertTrue(p.get("budget.time").contains("90s, 30m or 2h"), p.toString());
  }

  @Test
  void a_condition_must_name_one_of_the_categorical_values() {
    Map<String, String> p = SweepFiles.problems(BASE + """
        search:
          trials: 4
          space:
            optimizer: [sgd, adam]
            training.optimizer.momentum: {uniform: [0.0, 0.9], when: {optimizer: [sgd, rmsprop]}}
        """);
    assertTrue(p.get("search.space.training.optimizer.momentum.when.optimizer").contains("was 'rmsprop'"), p.toString());
    assertEquals(1, p.size(), p.toString());
  }

  @Test
  void a_value_the_experiment_refuses_is_reported_against_its_search_parameter() {
    Map<String, String> p = SweepFiles.problems(BASE + """
        search:
          trials: 3
          space:
            optimizer: [sgd, adamw]
            model.layers[7].units: {int_uniform: [4, 8]}
        """);
    assertTrue(p.get("search.space.optimizer[1]").contains("unknown optimizer 'adamw'"), p.toString());
    assertTrue(p.get("search.space.model.layers[7].units").contains("model.layers[7] does not exist"), p.toString());
  }

  @Test
  void grid_and_search_in_one_file_is_refused_with_exit_code_2() {
    ExperimentException e = assertThrows(ExperimentException.class, () -> SweepFiles.parse(BASE + """
        grid: {learning_rate: [0.1]}
        search: {trials: 2, space: {learning_rate: {log_uniform: [1.0e-3, 0.1]}}}
        """));
    assertEquals(2, e.code().exitCode());
    assertTrue(e.getMessage().contains("grid: a file has grid: or search:, not both"), e.getMessage());
  }

  @Test
  void a_pruner_beside_a_grid_is_validated_too() {
    Map<String, String> p = SweepFiles.problems(BASE + """
        grid: {learning_rate: [0.1, 0.01]}
        pruner: {method: asha, reduction_factor: 1, patience: 2}
        """);
    assertTrue(p.get("pruner.reduction_factor").contains("was 1, must be an integer in [2, 100]"), p.toString());
    assertTrue(p.get("pruner.patience").startsWith("unknown field"), p.toString());
  }
}
