package dev.descent.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.spi.Problem;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExperimentParserTest {

  private static ExperimentException failure(String yaml) {
    return assertThrows(ExperimentException.class, () -> TestExperiments.parse(yaml));
  }

  private static Map<String, String> byPath(ExperimentException e) {
    return e.problems().stream().collect(Collectors.toMap(Problem::path, Problem::message, (a, b) -> a + " | " + b));
  }

  @Test
  void parses_a_full_experiment_with_defaults_filled_in() {
    Experiment e = TestExperiments.parse("""
        name: fashion-mlp
        dataset: {name: moons, validation_split: 0.1}
        model:
          layers:
            - {type: dense, units: 16, activation: {name: leaky_relu, negative_slope: 0.2}}
            - {type: dropout, rate: 0.2}
            - {type: dense, units: 2, activation: softmax}
          loss: softmax_cross_entropy
          init: he_normal
        training:
          optimizer: {name: adam, learning_rate: 1e-3}
          batch_size: 128
          epochs: 10
          early_stopping: {monitor: val_loss, patience: 3}
          seed: 42
        """);
    assertEquals("fashion-mlp", e.name());
    assertEquals(3, e.model().layers().size());
    assertEquals(new LayerSpec.Dropout(0.2), e.model().layers().get(1));
    LayerSpec.Dense first = assertInstanceOf(LayerSpec.Dense.class, e.model().layers().get(0));
    assertEquals(0.2, first.activation().params().get("negative_slope"));
    assertEquals("adam", e.training().optimizer().name());
    assertEquals(0.001, e.training().optimizer().params().get("learning_rate"), "1e-3 is parsed as a number");
    assertEquals(0.9, e.training().optimizer().params().get("beta1"), "defaults are filled in");
    assertEquals(new EarlyStopping("val_loss", "min", 3, 0.0, false), e.training().earlyStopping(),
        "restore_best defaults to false, as in Keras and Lightning");
    assertEquals("float32", e.training().dtype());
  }

  @Test
  void reports_every_problem_at_once_with_its_path() {
    ExperimentException e = failure("""
        name: bad
        dataset: {name: moons, validation_split: 1.5}
        model:
          layers:
            - {type: dense, units: 0, activation: relu}
            - {type: dense, units: 10, activation: relu6}
            - {type: conv, units: 3}
          loss: softmax_cross_entropy
        training:
          optimizer: {name: adam, learning_rate: -0.1, betas: 3}
          batch_size: 128
          colour: blue
        """);
    Map<String, String> p = byPath(e);
    assertTrue(p.get("dataset.validation_split").contains("was 1.5"), p.toString());
    assertTrue(p.get("model.layers[0].units").contains("was 0"), p.toString());
    assertTrue(p.get("model.layers[1].activation").startsWith("unknown activation 'relu6'; available: "), p.toString());
    assertTrue(p.get("model.layers[1].activation").contains("relu, sigmoid, softmax, tanh"), p.toString());
    assertTrue(p.get("model.layers[2].type").contains("must be one of dense, dropout"), p.toString());
    assertTrue(p.get("training.optimizer.learning_rate").contains("was -0.1"), p.toString());
    assertTrue(p.get("training.optimizer.betas").contains("valid: learning_rate, beta1, beta2"), p.toString());
    assertTrue(p.get("training.epochs").startsWith("missing"), p.toString());
    assertTrue(p.get("training.colour").startsWith("unknown field"), p.toString());
    assertTrue(e.getMessage().startsWith("test.yaml: " + e.problems().size() + " problems\n  "), e.getMessage());
  }

  @Test
  void rejects_unknown_optimizer_listing_the_available_ones() {
    ExperimentException e = failure("""
        name: x
        dataset: {name: xor}
        model: {layers: [{type: dense, units: 2, activation: softmax}], loss: softmax_cross_entropy}
        training: {optimizer: adamw, epochs: 1}
        """);
    assertEquals("unknown optimizer 'adamw'; available: adadelta, adagrad, adam, rmsprop, sgd",
        byPath(e).get("training.optimizer"));
  }

  @Test
  void reads_the_base_experiment_of_a_sweep_file_leaving_grid_seeds_and_objective_to_the_sweep_parser() {
    Experiment e = TestExperiments.parse("""
        name: x
        dataset: {name: xor}
        model: {layers: [{type: dense, units: 2, activation: softmax}], loss: softmax_cross_entropy}
        training: {optimizer: sgd, epochs: 1}
        grid: {learning_rate: [0.1, 0.01]}
        seeds: 3
        objective: {metric: val_loss}
        """);
    assertEquals("sgd", e.training().optimizer().name());
    assertEquals(0.01, e.training().optimizer().params().get("learning_rate"), "the base, not a grid value");
  }

  @Test
  void reports_yaml_syntax_errors_with_line_and_column() {
    ExperimentException e = failure("name: x\nmodel: {layers: [\n");
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).path().startsWith("line "), e.getMessage());
  }

  @Test
  void rejects_a_model_ending_in_dropout_and_a_document_that_is_not_a_mapping() {
    ExperimentException e = failure("""
        name: x
        dataset: {name: xor}
        model: {layers: [{type: dense, units: 2}, {type: dropout, rate: 0.5}], loss: mse}
        training: {optimizer: sgd, epochs: 1}
        """);
    assertTrue(byPath(e).get("model.layers").contains("ends with a dropout layer"), e.getMessage());
    ExperimentException list = failure("- a\n- b\n");
    assertEquals(List.of(""), list.problems().stream().map(Problem::path).distinct().toList());
  }
}
