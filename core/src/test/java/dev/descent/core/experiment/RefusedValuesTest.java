package dev.descent.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.spi.Problem;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values the file can hold but no run can use: each refused by the parser with its path, before any run. */
class RefusedValuesTest {

  /** A valid experiment with {@code field: value} set at the dotted path (dataset, model, training, layers). */
  private static String with(String dataset, String layer2, String training) {
    return """
        name: t
        dataset: {name: moons, samples: 200%s}
        model:
          layers:
            - {type: dense, units: 8, activation: relu}
            - {type: dropout, rate: %s}
            - {type: dense, units: 2, activation: softmax}
          loss: softmax_cross_entropy
          init: normal
          init_std: %s
        training: {optimizer: {name: adam, learning_rate: %s}, epochs: 2, early_stopping: {min_delta: %s}%s}
        """.formatted(dataset, layer2, "0.01", "0.01", "0.0", training);
  }

  private static Map<String, String> problems(String yaml) {
    ExperimentException e = assertThrows(ExperimentException.class, () -> TestExperiments.parse(yaml));
    return e.problems().stream().collect(Collectors.toMap(Problem::path, Problem::message, (a, b) -> a + " | " + b));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "dataset.noise | .nan", "dataset.noise | .inf", "dataset.validation_split | .nan",
      "dataset.test_split | .NaN", "model.layers[1].rate | .nan", "model.init_std | .nan", "model.init_std | .inf",
      "training.early_stopping.min_delta | .nan", "training.early_stopping.min_delta | .inf",
      "training.optimizer.learning_rate | .nan", "training.optimizer.beta1 | .nan",
      "training.optimizer.learning_rate | -.inf", "training.epochs | .inf", "training.batch_size | .nan",
      "dataset.noise | 'NaN'", "model.layers[1].rate | 'Infinity'", "training.seed | 1e400"})
  void refuses_nan_and_infinity_wherever_a_number_is_read(String path, String value) {
    String yaml = with("", "0.1", "")
        .replace("samples: 200", path.startsWith("dataset.") ? "samples: 200, " + path.substring(8) + ": " + value
            : "samples: 200")
        .replace("rate: 0.1", path.equals("model.layers[1].rate") ? "rate: " + value : "rate: 0.1")
        .replace("init_std: 0.01", path.equals("model.init_std") ? "init_std: " + value : "init_std: 0.01")
        .replace("min_delta: 0.0", path.endsWith("min_delta") ? "min_delta: " + value : "min_delta: 0.0")
        .replace("learning_rate: 0.01", path.endsWith("learning_rate") ? "learning_rate: " + value
            : path.endsWith("beta1") ? "learning_rate: 0.01, beta1: " + value : "learning_rate: 0.01")
        .replace("epochs: 2", path.endsWith("epochs") ? "epochs: " + value
            : path.endsWith("batch_size") ? "epochs: 2, batch_size: " + value
            : path.endsWith("seed") ? "epochs: 2, seed: " + value : "epochs: 2");
    Map<String, String> p = problems(yaml);
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.containsKey(path), p.toString());
    assertTrue(p.get(path).startsWith("was "), p.toString());
    assertTrue(p.get(path).contains("must be"), p.toString());
  }

  @Test
  void a_valid_file_of_the_same_shape_parses() {
    Experiment e = TestExperiments.parse(with("", "0.1", ""));
    assertEquals(new LayerSpec.Dropout(0.1), e.model().layers().get(1));
  }

  @Test
  void early_stopping_on_validation_metrics_needs_validation_data() {
    Map<String, String> p = problems(with(", validation_split: 0", "0.1", ""));
    assertEquals("was 'val_loss' (the default), but dataset.validation_split is 0, so there is no validation data to "
        + "watch; set validation_split (e.g. 0.1) or monitor train_loss", p.get("training.early_stopping.monitor"));
    Map<String, String> named = problems(with(", validation_split: 0", "0.1", "")
        .replace("min_delta: 0.0", "min_delta: 0.0, monitor: val_accuracy"));
    assertTrue(named.get("training.early_stopping.monitor").startsWith("was 'val_accuracy', but"), named.toString());
    Experiment train = TestExperiments.parse(with(", validation_split: 0", "0.1", "")
        .replace("min_delta: 0.0", "min_delta: 0.0, monitor: train_loss"));
    assertEquals("train_loss", train.training().earlyStopping().monitor());
  }

  @Test
  void refuses_a_path_with_a_nul_character_naming_the_field() {
    Map<String, String> p = problems("""
        name: t
        dataset: {name: csv, path: "data\\0.csv", test_path: "  "}
        model: {layers: [{type: dense, units: 2}], loss: softmax_cross_entropy}
        training: {optimizer: sgd, epochs: 1}
        """);
    assertEquals("was 'data\\u0000.csv', must be a file path (it contains a NUL character, which no path may hold)",
        p.get("dataset.path"));
    assertEquals("was '  ', must be a file path", p.get("dataset.test_path"));
  }

  @Test
  void refuses_regression_on_a_classification_dataset_and_a_blank_label_column() {
    Map<String, String> p = problems(with(", task: regression, label_column: ' '", "0.1", ""));
    assertTrue(p.get("dataset.task").contains("regression needs a csv dataset"), p.toString());
    assertTrue(p.get("dataset.label_column").contains("must name the CSV column"), p.toString());
  }

  @Test
  void refuses_absurd_layer_sizes_before_any_data_is_read() {
    Map<String, String> p = problems(with("", "0.1", "").replace("units: 8", "units: 1000000"));
    assertEquals("was 1000000, must be an integer in [1, 100000]", p.get("model.layers[0].units"));
    Map<String, String> wide = problems(with("", "0.1", "").replace("units: 8", "units: 100000")
        .replace("units: 2,", "units: 100000,"));
    assertTrue(wide.get("model.layers[2].units").startsWith("was 100000: after a layer of 100000 units that is a "
        + "100000 x 100000 weight matrix of 10000000000 weights, more than the 2147483639 one layer may have"),
        wide.toString());
  }

  @Test
  void shows_file_text_in_messages_escaped_and_cut() {
    Map<String, String> p = problems(with("", "0.1", "").replace("name: t", "name: \"red\\e[31m\\u202Eevil\""));
    assertEquals("was 'red\\u001B[31m\\u202Eevil', must be letters, digits, '.', '_' or '-' (at most 100)", p.get("name"));
    Map<String, String> longName = problems(with("", "0.1", "").replace("name: t", "name: " + "n".repeat(500)));
    assertEquals("was '" + "n".repeat(80) + "'... (500 characters), must be letters, digits, '.', '_' or '-' (at most "
        + "100)", longName.get("name"));
  }

  @Test
  void feature_columns_must_be_names() {
    Map<String, String> p = problems(with(", feature_columns: [a, [b], {c: 1}]", "0.1", ""));
    assertEquals("was a list, must be a column name", p.get("dataset.feature_columns[1]"));
    assertEquals("was a mapping, must be a column name", p.get("dataset.feature_columns[2]"));
  }
}
