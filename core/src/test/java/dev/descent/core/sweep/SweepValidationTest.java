package dev.descent.core.sweep;

import static dev.descent.core.sweep.SweepFiles.BASE;
import static dev.descent.core.sweep.SweepFiles.byPath;
import static dev.descent.core.sweep.SweepFiles.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.ErrorCode;
import dev.descent.core.experiment.ExperimentException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SweepValidationTest {

  @Test
  void reports_every_problem_at_once_against_the_grid_path_that_caused_it() {
    ExperimentException e = failure(BASE.replace("epochs: 2", "epochs: 0") + """
        grid:
          optimizer: [sgd, adamw, {name: adam, beta1: 1.5}]
          learning_rate: [0.01, 0.1, -0.1]
          batch_size: [16, 0]
          dropout: [0.5, 1.2]
          model.layers[5].units: [3]
          lr: [0.1]
        seeds: [1, x]
        objective: {metric: accuracy}
        """);
    Map<String, String> p = byPath(e);
    assertEquals("was -0.1, must be > 0", p.get("grid.learning_rate[2]"));
    assertEquals("unknown optimizer 'adamw'; available: adadelta, adagrad, adam, rmsprop, sgd",
        p.get("grid.optimizer[1]"));
    assertTrue(p.get("grid.optimizer[2].beta1").contains("was 1.5"), p.toString());
    assertTrue(p.get("grid.batch_size[1]").contains("was 0"), p.toString());
    assertTrue(p.get("grid.dropout[1]").contains("was 1.2, must be a number in [0, 1)"), p.toString());
    assertTrue(p.get("grid.model.layers[5].units").contains("model.layers[5] does not exist in the file "
        + "(model.layers has 3 entries)"), p.toString());
    assertTrue(p.get("grid.lr").startsWith("unknown axis"), p.toString());
    assertTrue(p.get("seeds[1]").contains("was 'x'"), p.toString());
    assertTrue(p.get("objective.metric").contains("must be one of val_accuracy"), p.toString());
    assertTrue(p.get("training.epochs").contains("was 0"), "a base problem keeps its own path: " + p);
    assertEquals(e.problems().size(), e.problems().stream().distinct().count(), "each problem once: " + e.getMessage());
    assertEquals(1, e.problems().stream().filter(x -> x.path().startsWith("grid.learning_rate")).count(),
        "the plugin's own range check does not repeat grid.learning_rate[2]: " + e.getMessage());
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals(2, e.code().exitCode());
    assertTrue(e.getMessage().startsWith("grid.yaml: " + e.problems().size() + " problems\n"), e.getMessage());
  }

  @Test
  void a_dropout_axis_on_a_model_without_dropout_says_so() {
    ExperimentException e = failure(BASE.replace("    - {type: dropout, rate: 0.1}\n", "")
        + "grid: {dropout: [0.1, 0.2]}\n");
    assertTrue(byPath(e).get("grid.dropout").startsWith("the model has no dropout layer"), e.getMessage());
    assertEquals(1, e.problems().size(), e.getMessage());
  }

  @Test
  void axis_values_must_be_non_empty_lists() {
    ExperimentException e = failure(BASE + "grid: {learning_rate: 0.1, batch_size: []}\n");
    assertTrue(byPath(e).get("grid.learning_rate").startsWith("was 0.1, must be a non-empty list"), e.getMessage());
    assertTrue(byPath(e).get("grid.batch_size").startsWith("was an empty list, must be a non-empty list"), e.getMessage());
    assertTrue(byPath(failure(BASE + "grid: {}\n")).get("grid").startsWith("has no axes"));
  }

  @Test
  void a_parameter_every_value_gets_wrong_is_reported_once_for_the_axis() {
    ExperimentException e = failure(BASE + """
        grid:
          optimizer: [sgd, adam]
          training.optimizer.momentum: [0.0, 0.9]
        """);
    assertEquals(Map.of("grid.training.optimizer.momentum",
            "unknown parameter of optimizer 'adam'; valid: learning_rate, beta1, beta2, eps, weight_decay, amsgrad"),
        byPath(e));
  }

  @Test
  void a_new_optional_field_may_be_set_by_a_path_but_an_unknown_one_is_named() {
    SweepFiles.withBase("grid: {dataset.noise: [0.0, 0.2]}\n");
    ExperimentException e = failure(BASE + "grid: {training.colour: [red]}\n");
    assertTrue(byPath(e).get("grid.training.colour[0]").startsWith("unknown field"), e.getMessage());
  }

  @Test
  void repeated_values_and_two_axes_setting_one_field_are_rejected() {
    ExperimentException e = failure(BASE + """
        grid:
          learning_rate: [0.001, 1e-3]
          training.batch_size: [8]
          batch_size: [16]
        """);
    Map<String, String> p = byPath(e);
    assertTrue(p.get("grid.learning_rate[1]").startsWith("repeats grid.learning_rate[0]"), p.toString());
    assertTrue(p.get("grid.batch_size").contains("sets training.batch_size, which grid.training.batch_size also sets"),
        p.toString());
  }

  @Test
  void cells_that_differ_only_by_spelling_out_a_default_are_rejected_as_repeats() {
    ExperimentException e = failure(BASE + "grid: {optimizer: [sgd, {name: sgd, momentum: 0.0}]}\n");
    assertTrue(byPath(e).get("grid").contains("repeat another cell's configuration"), e.getMessage());
  }

  @Test
  void an_objective_the_data_cannot_measure_is_rejected() {
    ExperimentException e = failure(BASE.replace("samples: 200,", "samples: 200, validation_split: 0,")
        + "objective: {metric: val_loss}\n");
    assertTrue(byPath(e).get("objective.metric").contains("validation_split is 0"), e.getMessage());
  }

  @Test
  void a_grid_too_large_to_run_is_rejected_before_expansion() {
    String units = IntStream.rangeClosed(1, 200).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    String epochs = IntStream.rangeClosed(1, 51).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    ExperimentException e = failure(BASE + "grid:\n  model.layers[0].units: [" + units + "]\n"
        + "  training.epochs: [" + epochs + "]\n");
    assertTrue(byPath(e).get("grid").contains("more than the 10000"), e.getMessage());
  }
}
